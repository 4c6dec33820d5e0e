package dev.xdai.personas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.prompting.PostResponse;
import dev.xdai.prompting.Speaker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The personas and emotions shipped in the repository's top-level src/main/resources load cleanly and are usable. */
class ShippedContentTest {

  static final Path RESOURCES = Path.of(System.getProperty("xdai-project.root", "..")).resolve("src/main/resources");
  private static PersonaRegistry registry;

  @BeforeAll
  static void load() {
    registry = PersonaRegistry.load(List.of(ContentRoot.directory(RESOURCES)), null);
  }

  @Test
  void everyShippedFileLoadsWithoutProblems() throws IOException {
    assertEquals(List.of(), registry.problems(), "shipped content must load cleanly");
    ContentRoot root = ContentRoot.directory(RESOURCES);
    assertEquals(root.list(ContentRoot.Kind.PERSONAS).size(), registry.all().size(), "every persona file is in use");
    assertEquals(root.list(ContentRoot.Kind.EMOTIONS).size(), registry.emotions().size(), "every emotion file is in use");
  }

  @Test
  void theShippedIdsAreThere() {
    assertTrue(ids(registry.all()).containsAll(Set.of("xiaodai", "student", "receptionist", "interviewer")), ids(registry.all()).toString());
    assertTrue(registry.emotions().stream().map(Emotion::id).collect(Collectors.toSet())
        .containsAll(Set.of("neutral", "happy", "angry", "sad", "surprised", "caring")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"xiaodai", "student", "receptionist", "interviewer"})
  void eachPersonaIsComplete(String id) {
    Persona p = registry.find(id).orElseThrow();
    assertFalse(p.background().isBlank());
    assertFalse(p.style().isBlank());
    assertFalse(p.greeting().isBlank());
    assertTrue(p.examples().size() >= 3, "several example exchanges");
    assertTrue(registry.emotion(p.defaultEmotion()).isPresent(), "default emotion " + p.defaultEmotion() + " is shipped");
    for (PostResponse example : p.examples()) assertEquals(Speaker.USER, example.lines().getFirst().speaker());
    assertTrue(p.background().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), "written in Chinese");
  }

  @Test
  void domainPersonasUseTheirKnowledgePacks() {
    assertEquals(List.of(), registry.find("xiaodai").orElseThrow().packs(), "the open-domain bot may use every pack");
    assertEquals(List.of("campus"), registry.find("student").orElseThrow().packs());
    assertEquals(List.of("clinic"), registry.find("receptionist").orElseThrow().packs());
    assertEquals(List.of("company"), registry.find("interviewer").orElseThrow().packs());
    assertTrue(registry.find("student").orElseThrow().background().contains("青禾大学"));
    assertTrue(registry.find("receptionist").orElseThrow().background().contains("康宁社区诊所"));
  }

  @Test
  void everyEmotionHasSeveralPostResponsesAndAngryCarriesTheMethodsExample() {
    for (Emotion e : registry.emotions()) assertTrue(e.postResponses().size() >= 2, e.id());
    assertTrue(registry.emotion("angry").orElseThrow().postResponses().stream()
        .anyMatch(pr -> pr.lines().getFirst().text().equals("你不能好好说话吗，怎么突然生气了")));
  }

  @Test
  void shippedPersonasSurviveAWriteAndReadInBothFormats() {
    for (Persona p : registry.all()) {
      for (Format format : Format.values()) {
        String text = PersonaWriter.write(p, format);
        assertEquals(p, PersonaReader.readPersona(SourceText.of("rewritten", text, format), null), p.id() + " as " + format);
      }
    }
    for (Emotion e : registry.emotions()) {
      assertEquals(e, PersonaReader.readEmotion(SourceText.of("rewritten", PersonaWriter.write(e, Format.JSON), Format.JSON)));
    }
  }

  private static Set<String> ids(List<Persona> personas) {
    return personas.stream().map(Persona::id).collect(Collectors.toSet());
  }
}
