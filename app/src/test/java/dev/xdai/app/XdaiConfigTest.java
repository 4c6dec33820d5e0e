package dev.xdai.app;

import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.evaluation.cli.ProjectPaths;
import dev.xdai.generation.embedded.EmbeddedGlmConfig;
import dev.xdai.generation.remote.RemoteBackendConfig;
import dev.xdai.prompting.HistoryOrder;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Closed sets are enums: any spelling of a value works, a wrong one stops the start naming the key, the value and the allowed ones. */
class XdaiConfigTest {

  static XdaiConfig config(Map<String, String> values) {
    Map<String, String> all = new HashMap<>(Map.of("xdai.data-dir", "data"));
    all.putAll(values);
    SmallRyeConfig c = new SmallRyeConfigBuilder().withMapping(XdaiConfig.class).withValidateUnknown(VALIDATE_UNKNOWN)
        .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter()) // as Quarkus reads "6s"
        .withConverter(io.quarkus.runtime.configuration.MemorySize.class, 100, new io.quarkus.runtime.configuration.MemorySizeConverter())
        .withSources(new PropertiesConfigSource(all, "test", 500), new CoreDefaults()).build();
    return c.getConfigMapping(XdaiConfig.class);
  }

  /** What application.properties tells Quarkus; unset, SmallRye's own default would decide. */
  static final boolean VALIDATE_UNKNOWN = Boolean.parseBoolean(applicationProperties().getProperty("quarkus.config.mapping.validate-unknown"));

  static Properties applicationProperties() {
    try (InputStream in = XdaiConfigTest.class.getClassLoader().getResourceAsStream("application.properties")) {
      Properties p = new Properties();
      p.load(Objects.requireNonNull(in, "application.properties"));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The message of a failure and of its causes. */
  static String messages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) all.append(t.getMessage()).append(' ');
    return all.toString();
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
    String message = messages(assertThrows(RuntimeException.class, () -> config(Map.of("xdai.model.backend", "gpu"))));
    assertTrue(message.contains("xdai.model.backend") && message.contains("gpu"), message);
    for (XdaiConfig.Model.Backend allowed : XdaiConfig.Model.Backend.values()) {
      assertTrue(message.contains(allowed.name().toLowerCase(java.util.Locale.ROOT)), "the allowed values are named: " + message);
    }
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
    assertEquals(dev.xdai.dialogue.answer.Answerer.Settings.defaults().maxReplyChars(), defaults.generation().maxReplyChars());
    assertEquals(EmbeddedGlmConfig.of(Path.of(".")).permits(), defaults.model().concurrency());
    var remote = RemoteBackendConfig.of(URI.create("http://127.0.0.1:9/v1"), "glm", RemoteBackendConfig.Mode.COMPLETIONS);
    XdaiConfig.Model.Remote mapped = defaults.model().remote();
    assertEquals(List.of(remote.promptForm(), remote.contextLength(), remote.samplingExtensions(), remote.stream(),
            remote.connectTimeout(), remote.readTimeout(), remote.maxRetries(), remote.maxBackoff(), remote.breakerFailures(),
            remote.breakerCoolDown()),
        List.of(mapped.promptForm(), mapped.contextLength(), mapped.samplingExtensions(), mapped.stream(),
            mapped.connectTimeout(), mapped.readTimeout(), mapped.maxRetries(), mapped.maxBackoff(), mapped.breakerFailures(),
            mapped.breakerCoolDown()));
    assertEquals(2048, mapped.contextLength(), "the context the service has always assumed of a remote model");
    assertEquals(40, config(Map.of("xdai.answer.max-quote-chars", "40")).answer().maxQuoteChars());
    assertTrue(java.util.ServiceLoader.load(org.eclipse.microprofile.config.spi.ConfigSource.class).stream()
        .anyMatch(p -> p.type() == CoreDefaults.class), "registered for Quarkus to find");
  }

  @Test
  void anUnknownKeyStopsTheStartNamingIt() {
    assertTrue(VALIDATE_UNKNOWN, "application.properties turns quarkus.config.mapping.validate-unknown on");
    String message = messages(assertThrows(RuntimeException.class, () -> config(Map.of("xdai.modle.backend", "remote"))));
    assertTrue(message.contains("xdai.modle.backend"), message);
    assertDoesNotThrow(() -> config(Map.of(ProjectPaths.ROOT_PROPERTY, "/srv/xdai")),
        "the launcher's project root lives outside the prefix");
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
