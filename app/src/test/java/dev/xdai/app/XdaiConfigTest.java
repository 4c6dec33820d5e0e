package dev.xdai.app;

import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.generation.remote.RemoteBackendConfig;
import dev.xdai.prompting.HistoryOrder;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Closed sets are enums: any spelling of a value works, a wrong one stops the start naming the key and the value. */
class XdaiConfigTest {

  static XdaiConfig config(Map<String, String> values) {
    Map<String, String> all = new HashMap<>(Map.of("xdai.data-dir", "data"));
    all.putAll(values);
    SmallRyeConfig c = new SmallRyeConfigBuilder().withMapping(XdaiConfig.class)
        .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter()) // as Quarkus reads "6s"
        .withConverter(io.quarkus.runtime.configuration.MemorySize.class, 100, new io.quarkus.runtime.configuration.MemorySizeConverter())
        .withSources(new PropertiesConfigSource(all, "test", 500), new CoreDefaults()).build();
    return c.getConfigMapping(XdaiConfig.class);
  }

  @Test
  void closedSetsReadAnySpellingAndDefaultsHold() {
    XdaiConfig defaults = config(Map.of());
    assertEquals(XdaiConfig.Model.Backend.EMBEDDED, defaults.model().backend());
    assertEquals(RemoteBackendConfig.Mode.COMPLETIONS, defaults.model().remote().mode());
    assertEquals(HistoryOrder.DIALOGUE, defaults.history().order());
    XdaiConfig given = config(Map.of("xdai.model.backend", "Remote", "xdai.model.remote.mode", "chat", "xdai.history.order", "RELEVANCE"));
    assertEquals(XdaiConfig.Model.Backend.REMOTE, given.model().backend(), "'Remote' no longer falls back to the embedded model");
    assertEquals(RemoteBackendConfig.Mode.CHAT, given.model().remote().mode());
    assertEquals(RemoteBackendConfig.PromptForm.PREFIX, defaults.model().remote().promptForm());
    assertEquals(RemoteBackendConfig.PromptForm.BLANK,
        config(Map.of("xdai.model.remote.prompt-form", "blank")).model().remote().promptForm());
    assertEquals(HistoryOrder.RELEVANCE, given.history().order());
  }

  @Test
  void aWrongValueStopsTheStartNamingKeyAndValue() {
    var e = assertThrows(RuntimeException.class, () -> config(Map.of("xdai.model.backend", "gpu")));
    String message = String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : " " + e.getCause().getMessage());
    assertTrue(message.contains("xdai.model.backend") && message.contains("gpu"), message);
  }

  @Test
  void theCoresDefaultsAreTheSettingsDefaultsAndAnyOtherSourceWins() {
    XdaiConfig defaults = config(Map.of());
    assertEquals(dev.xdai.dialogue.answer.Answerer.Settings.defaults().maxQuoteChars(), defaults.answer().maxQuoteChars());
    assertEquals(dev.xdai.dialogue.HistorySelector.Settings.defaults().alpha(), defaults.history().alpha());
    var generation = dev.xdai.generation.GenerationOptions.defaults();
    assertEquals(generation.deadline(), defaults.generation().deadline());
    assertEquals(generation.copyBias(), defaults.generation().copyBias());
    assertEquals(dev.xdai.dialogue.TurnPipeline.Settings.standard().unknownReply(), defaults.answer().unknownReply());
    assertEquals(dev.xdai.dialogue.DialogueService.Limits.defaults().maxTurns(), defaults.limits().maxTurns());
    assertEquals(40, config(Map.of("xdai.answer.max-quote-chars", "40")).answer().maxQuoteChars());
    assertTrue(java.util.ServiceLoader.load(org.eclipse.microprofile.config.spi.ConfigSource.class).stream()
        .anyMatch(p -> p.type() == CoreDefaults.class), "registered for Quarkus to find");
  }

  @Test
  void anUnknownKeyStopsTheStartNamingIt() {
    var e = assertThrows(RuntimeException.class, () -> config(Map.of("xdai.modle.backend", "remote")));
    String message = String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : " " + e.getCause().getMessage());
    assertTrue(message.contains("xdai.modle.backend"), message);
    assertEquals(java.nio.file.Path.of("/srv/xdai"), config(Map.of("xdai.project.root", "/srv/xdai")).project().root(),
        "the launcher's project root is a setting, not an unknown key");
  }

  @Test
  void theRemoteBackendIsBuiltFromItsSettings() {
    var model = new Wiring().model(config(Map.of("xdai.model.backend", "remote", "xdai.model.remote.base-url",
        "http://127.0.0.1:9/v1", "xdai.model.remote.model-name", "glm-4-9b", "xdai.model.remote.context-length", "8192",
        "xdai.model.remote.breaker-cool-down", "2s")));
    assertInstanceOf(dev.xdai.generation.remote.OpenAiCompatibleModel.class, model);
    assertEquals("127.0.0.1/glm-4-9b", model.info().name());
    assertEquals(8192, model.info().contextLength());
    var unset = new Wiring().model(config(Map.of("xdai.model.backend", "remote")));
    assertTrue(unset.unavailableReason().orElseThrow().contains("xdai.model.remote.base-url"));
  }

  @Test
  void inversePromptingIsTheServicesDefaultWhenConfigured() {
    assertFalse(new Wiring().switches(config(Map.of())).inversePrompting());
    assertTrue(new Wiring().switches(config(Map.of("xdai.generation.inverse-prompting", "true"))).inversePrompting());
  }

  @Test
  void aServiceOwnsItsSessionsWithItsOwnGraphAndSharesThemOverAnExternalOneUnlessTold() {
    assertEquals(dev.xdai.dialogue.DialogueService.Ownership.OWNED, Wiring.ownership(config(Map.of())));
    assertEquals(dev.xdai.dialogue.DialogueService.Ownership.SHARED,
        Wiring.ownership(config(Map.of("xdai.graph.uri", "neo4j://graph:7687"))));
    assertEquals(dev.xdai.dialogue.DialogueService.Ownership.OWNED,
        Wiring.ownership(config(Map.of("xdai.graph.uri", "bolt://graph:7687", "xdai.sessions.write-behind", "true"))));
    assertEquals(dev.xdai.dialogue.DialogueService.Ownership.SHARED,
        Wiring.ownership(config(Map.of("xdai.sessions.write-behind", "false"))));
  }

  @Test
  void theGraphPasswordComesFromTheSettingOrElseFromItsFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("password");
    java.nio.file.Files.writeString(file, "from-the-file\n");
    assertEquals("from-the-file", Wiring.graphPassword(config(Map.of("xdai.graph.password-file", file.toString())).graph()));
    assertEquals("given", Wiring.graphPassword(config(Map.of("xdai.graph.password", "given", "xdai.graph.password-file", file.toString())).graph()));
    assertEquals("", Wiring.graphPassword(config(Map.of()).graph()));
    var missing = assertThrows(IllegalStateException.class,
        () -> Wiring.graphPassword(config(Map.of("xdai.graph.password-file", dir.resolve("nope").toString())).graph()));
    assertTrue(missing.getMessage().contains("xdai.graph.password-file"), missing.getMessage());
  }
}
