package dev.xdai.personas;

import static dev.xdai.personas.Fixtures.emotion;
import static dev.xdai.personas.Fixtures.persona;
import static dev.xdai.personas.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry: layering, create / replace / validate-only / delete, bad files, last good versions, listeners. */
class PersonaRegistryTest {

  @TempDir Path tmp;
  Path shipped;
  Path writable;
  PersonaRegistry registry;

  @BeforeEach
  void setUp() {
    shipped = Fixtures.shippedRoot(tmp.resolve("shipped"));
    writable = tmp.resolve("writable");
    registry = Fixtures.registry(shipped, writable);
  }

  @Test
  void loadsShippedAndWritableContentWithOrigins() {
    write(writable, "personas", "gamma.yaml", persona("gamma", "伽马", null));
    registry.reload();
    assertEquals(List.of("alpha", "beta", "gamma"), registry.all().stream().map(Persona::id).toList());
    assertEquals(PersonaRegistry.Origin.SHIPPED, registry.entry("alpha").orElseThrow().origin());
    assertEquals(PersonaRegistry.Origin.CUSTOM, registry.entry("gamma").orElseThrow().origin());
    assertEquals(writable.resolve("personas/gamma.yaml").toString(), registry.entry("gamma").orElseThrow().source());
    assertEquals(List.of("happy", "neutral"), registry.emotions().stream().map(Emotion::id).toList());
    assertEquals(List.of(), registry.problems());
    assertTrue(Files.isDirectory(writable.resolve("emotions")), "the writable folders are created");
  }

  @Test
  void createWritesAYamlFileThatANewRegistryLoads() {
    Persona delta = new Persona("delta", "德尔塔", "我是德尔塔。", "", List.of(), "嗨", "happy", List.of("campus"), null);
    assertEquals(delta, registry.create(delta));
    assertTrue(Files.exists(writable.resolve("personas/delta.yaml")));
    assertEquals(PersonaRegistry.Origin.CUSTOM, registry.entry("delta").orElseThrow().origin());
    assertEquals(delta, Fixtures.registry(shipped, writable).find("delta").orElseThrow(), "persisted");
  }

  @Test
  void createRefusesAnIdInUse() {
    Persona alpha = registry.find("alpha").orElseThrow();
    var e = assertThrows(PersonaRegistryException.class, () -> registry.create(alpha));
    assertEquals(PersonaRegistryException.Reason.ALREADY_EXISTS, e.reason());
    assertFalse(Files.exists(writable.resolve("personas/alpha.yaml")));
  }

  @Test
  void replacingAShippedPersonaOverridesItAndDeletingTheOverrideRevertsIt() {
    Persona original = registry.find("alpha").orElseThrow();
    Persona changed = new Persona("alpha", "新阿尔法", "改过的背景。", "", List.of(), "", "happy", List.of(), null);
    registry.replace(changed);
    assertEquals(changed, registry.find("alpha").orElseThrow());
    assertEquals(PersonaRegistry.Origin.OVERRIDE, registry.entry("alpha").orElseThrow().origin());
    assertEquals(PersonaRegistry.Deleted.REVERTED_TO_SHIPPED, registry.delete("alpha"));
    assertEquals(original, registry.find("alpha").orElseThrow());
    assertEquals(PersonaRegistry.Origin.SHIPPED, registry.entry("alpha").orElseThrow().origin());
  }

  @Test
  void replaceAlsoRemovesAnOtherFormatFileOfTheSameId() {
    write(writable, "personas", "gamma.json", "{\"version\": 1, \"id\": \"gamma\", \"displayName\": \"伽马\", \"background\": \"旧的。\"}");
    registry.reload();
    Persona gamma = registry.find("gamma").orElseThrow();
    registry.replace(new Persona("gamma", "伽马", "新的。", "", List.of(), "", "", List.of(), null));
    assertFalse(Files.exists(writable.resolve("personas/gamma.json")));
    assertEquals("新的。", registry.find("gamma").orElseThrow().background());
    assertEquals(List.of(), registry.problems(), "one file per id: no duplicate reported");
    assertFalse(gamma.background().equals("新的。"));
  }

  @Test
  void deletingIsRefusedForShippedPersonasAndUnknownIds() {
    var shippedDelete = assertThrows(PersonaRegistryException.class, () -> registry.delete("beta"));
    assertEquals(PersonaRegistryException.Reason.READ_ONLY, shippedDelete.reason());
    assertTrue(registry.find("beta").isPresent());
    assertEquals(PersonaRegistryException.Reason.NOT_FOUND, assertThrows(PersonaRegistryException.class, () -> registry.delete("nobody")).reason());
    assertEquals(PersonaRegistryException.Reason.NOT_FOUND, assertThrows(PersonaRegistryException.class, () -> registry.delete("../alpha")).reason());
    Persona nobody = new Persona("nobody", "无名", "背景。", "", List.of(), "", "", List.of(), null);
    assertEquals(PersonaRegistryException.Reason.NOT_FOUND, assertThrows(PersonaRegistryException.class, () -> registry.replace(nobody)).reason());
  }

  @Test
  void deletingACustomPersonaRemovesItsFile() {
    registry.create(new Persona("delta", "德尔塔", "背景。", "", List.of(), "", "", List.of(), null));
    assertEquals(PersonaRegistry.Deleted.REMOVED, registry.delete("delta"));
    assertTrue(registry.find("delta").isEmpty());
    assertFalse(Files.exists(writable.resolve("personas/delta.yaml")));
  }

  @Test
  void validateOnlyChecksEverythingAndStoresNothing() {
    Persona bad = new Persona("delta", "德尔塔", "背景。", "", List.of(), "", "furious", List.of("Bad Pack"), null);
    var e = assertThrows(PersonaValidationException.class, () -> registry.validate(bad));
    assertEquals(List.of("persona 'delta': field 'defaultEmotion': unknown emotion 'furious' (known: happy, neutral)",
        "persona 'delta': field 'packs[0]': " + PersonaReaderTest.ID_RULE + ", found 'Bad Pack'"),
        e.errors().stream().map(ValidationError::toString).toList());
    Persona good = new Persona("delta", "德尔塔", "背景。", "", List.of(), "", "happy", List.of(), null);
    assertEquals(good, registry.validate(good));
    assertTrue(registry.find("delta").isEmpty());
    assertEquals(List.of(), List.of(writable.resolve("personas").toFile().list()));
    var text = assertThrows(PersonaValidationException.class,
        () -> registry.validate(SourceText.of("request", persona("delta", "德尔塔", "furious"), Format.YAML)));
    assertEquals("request:5:17: field 'defaultEmotion': unknown emotion 'furious' (known: happy, neutral)", text.errors().getFirst().toString());
    assertThrows(PersonaValidationException.class, () -> registry.create(bad));
    assertTrue(registry.find("delta").isEmpty());
  }

  @Test
  void aBadFileBesideGoodOnesIsReportedAndSkipped() {
    write(shipped, "personas", "broken.yaml", "version: 1\nid: broken\ndisplayName: [\n");
    write(shipped, "personas", "wrong-emotion.yaml", persona("wrong-emotion", "错", "furious"));
    write(shipped, "emotions", "bad.yaml", "version: 1\nid: bad\n");
    registry.reload();
    assertEquals(List.of("alpha", "beta"), registry.all().stream().map(Persona::id).toList());
    assertEquals(List.of("happy", "neutral"), registry.emotions().stream().map(Emotion::id).toList());
    List<String> sources = registry.problems().stream().map(p -> Path.of(p.source()).getFileName().toString()).toList();
    assertEquals(List.of("bad.yaml", "broken.yaml", "wrong-emotion.yaml"), sources);
    assertTrue(registry.problems().stream().noneMatch(PersonaRegistry.FileProblem::servingPrevious));
    assertTrue(registry.problems().get(2).errors().getFirst().toString().endsWith("wrong-emotion.yaml:5:17: field 'defaultEmotion': unknown emotion 'furious' (known: happy, neutral)"));
  }

  @Test
  void aBrokenEditKeepsTheLastGoodVersionUntilFixed() {
    write(writable, "personas", "gamma.yaml", persona("gamma", "伽马", null));
    registry.reload();
    write(writable, "personas", "gamma.yaml", persona("gamma", "伽马", null).replace("displayName: 伽马", "displayName: "));
    registry.reload();
    assertEquals("伽马", registry.find("gamma").orElseThrow().displayName());
    PersonaRegistry.FileProblem problem = registry.problems().getFirst();
    assertTrue(problem.servingPrevious());
    assertTrue(problem.errors().getFirst().toString().endsWith("gamma.yaml:3:13: field 'displayName': must not be blank"), problem.toString());
    write(writable, "personas", "gamma.yaml", persona("gamma", "新伽马", null));
    registry.reload();
    assertEquals("新伽马", registry.find("gamma").orElseThrow().displayName());
    assertEquals(List.of(), registry.problems());
  }

  @Test
  void aDeletedFilesOldVersionDoesNotComeBack() {
    Path file = write(writable, "personas", "gamma.yaml", persona("gamma", "伽马", null));
    registry.reload();
    write(writable, "personas", "gamma.yaml", "broken: [");
    registry.reload();
    assertTrue(registry.find("gamma").isPresent());
    file.toFile().delete();
    registry.reload();
    write(writable, "personas", "gamma.yaml", "broken: [");
    registry.reload();
    assertTrue(registry.find("gamma").isEmpty());
    assertFalse(registry.problems().getFirst().servingPrevious());
  }

  @Test
  void removingAnEmotionKeepsItsPersonasLastGoodVersionAndSaysSo() throws IOException {
    Files.delete(shipped.resolve("emotions/happy.yaml"));
    registry.reload();
    assertTrue(registry.find("beta").isPresent());
    PersonaRegistry.FileProblem problem = registry.problems().getFirst();
    assertTrue(problem.servingPrevious() && problem.source().endsWith("beta.yaml"), problem.toString());
  }

  @Test
  void twoFilesWithOneIdInAFolderAreReported() {
    write(writable, "personas", "gamma.json", "{\"version\": 1, \"id\": \"gamma\", \"displayName\": \"J\", \"background\": \"json\"}");
    write(writable, "personas", "gamma.yaml", persona("gamma", "Y", null));
    registry.reload();
    assertEquals("J", registry.find("gamma").orElseThrow().displayName(), "the first by file name is used");
    assertEquals(1, registry.problems().size());
    assertTrue(registry.problems().getFirst().errors().getFirst().message().contains("already defined by"));
  }

  @Test
  void filesThatAreNotContentAreIgnored() {
    write(writable, "personas", "README.md", "# notes");
    write(writable, "personas", ".gamma.yaml", "broken: [");
    write(writable, "personas", "gamma.yaml~", "broken: [");
    registry.reload();
    assertEquals(2, registry.all().size());
    assertEquals(List.of(), registry.problems());
  }

  @Test
  void unreadableFilesAreReportedAndABomIsAccepted() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] gamma = persona("gamma", "伽马", null).getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[bom.length + gamma.length];
    System.arraycopy(bom, 0, withBom, 0, bom.length);
    System.arraycopy(gamma, 0, withBom, bom.length, gamma.length);
    Files.createDirectories(writable.resolve("personas"));
    Files.write(writable.resolve("personas/gamma.yaml"), withBom);
    Files.write(writable.resolve("personas/latin.yaml"), new byte[] {'i', 'd', ':', ' ', (byte) 0xE9, '\n'});
    write(writable, "personas", "huge.yaml", "background: " + "长".repeat(PersonaSchema.MAX_DOCUMENT_CHARS) + "\n");
    registry.reload();
    assertTrue(registry.find("gamma").isPresent());
    assertEquals(List.of("huge.yaml: too large (100013 characters; the limit is 100000)", "latin.yaml: not valid UTF-8 text"),
        registry.problems().stream().map(p -> p.errors().getFirst().toString().substring(writable.resolve("personas").toString().length() + 1)).toList());
  }

  @Test
  void theWritableFolderMayOverrideEmotions() {
    write(writable, "emotions", "happy.yaml", emotion("happy").replace("description: happy", "description: 很开心"));
    registry.reload();
    assertEquals("很开心", registry.emotion("happy").orElseThrow().description());
  }

  @Test
  void listenersHearNonEmptyChangesOnly() {
    List<PersonaRegistry.Change> heard = new CopyOnWriteArrayList<>();
    Runnable remove = registry.addListener(heard::add);
    registry.addListener(change -> { throw new IllegalStateException("a failing listener must not break the registry"); });
    registry.reload();
    assertEquals(List.of(), heard, "nothing changed");
    registry.create(new Persona("delta", "德尔塔", "背景。", "", List.of(), "", "", List.of(), null));
    registry.replace(new Persona("alpha", "改", "背景。", "", List.of(), "", "", List.of(), null));
    registry.delete("delta");
    assertEquals(3, heard.size(), heard.toString());
    assertEquals(java.util.Set.of("delta"), heard.get(0).personasAdded());
    assertEquals(java.util.Set.of("alpha"), heard.get(1).personasUpdated());
    assertEquals(java.util.Set.of("delta"), heard.get(2).personasRemoved());
    remove.run();
    registry.delete("alpha");
    assertEquals(3, heard.size());
  }

  @Test
  void aRegistryWithoutAWritableFolderIsReadOnly() {
    PersonaRegistry readOnly = PersonaRegistry.load(List.of(ContentRoot.directory(shipped)), null);
    Persona delta = new Persona("delta", "德尔塔", "背景。", "", List.of(), "", "", List.of(), null);
    assertEquals(PersonaRegistryException.Reason.READ_ONLY, assertThrows(PersonaRegistryException.class, () -> readOnly.create(delta)).reason());
    assertEquals(PersonaRegistryException.Reason.READ_ONLY, assertThrows(PersonaRegistryException.class, () -> readOnly.delete("alpha")).reason());
    assertEquals(2, readOnly.all().size());
  }

  @Test
  void classpathRootsAreReadFromDirectoriesAndJars() throws IOException {
    PersonaRegistry fromDir = PersonaRegistry.load(List.of(ContentRoot.classpath(getClass().getClassLoader(), "cp-content/")), null);
    assertEquals(List.of("cp-one"), fromDir.all().stream().map(Persona::id).toList());
    assertEquals("classpath:cp-content/personas/cp-one.yaml", fromDir.entry("cp-one").orElseThrow().source());
    assertEquals(List.of(), fromDir.problems());

    Path jar = tmp.resolve("content.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      // Folder entries, as Maven's jar plugin writes them: a class loader finds a folder only through its entry.
      for (String folder : List.of("jarred/", "jarred/personas/", "jarred/emotions/")) out.putNextEntry(new JarEntry(folder));
      for (String[] entry : List.of(new String[] {"jarred/personas/jar-one.yaml", persona("jar-one", "罐", "neutral")},
          new String[] {"jarred/emotions/neutral.yaml", emotion("neutral")}, new String[] {"jarred/personas/deeper/x.yaml", "broken: ["})) {
        out.putNextEntry(new JarEntry(entry[0]));
        out.write(entry[1].getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      PersonaRegistry fromJar = PersonaRegistry.load(List.of(ContentRoot.classpath(loader, "jarred/")), null);
      assertEquals(List.of("jar-one"), fromJar.all().stream().map(Persona::id).toList());
      assertEquals("classpath:jarred/personas/jar-one.yaml", fromJar.entry("jar-one").orElseThrow().source());
      assertEquals(List.of(), fromJar.problems(), "subfolders are not content");
    }
  }

  @Test
  void readersSeeAConsistentCatalogWhileWritesHappen() throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    List<Thread> readers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      readers.add(Thread.ofPlatform().start(() -> {
        while (!stop.get()) {
          try {
            List<Persona> all = registry.all();
            if (all.size() < 2 || registry.find("alpha").isEmpty()) throw new AssertionError("shipped personas vanished: " + all);
          } catch (Throwable t) {
            failures.add(t);
            return;
          }
        }
      }));
    }
    for (int i = 0; i < 15; i++) {
      registry.create(new Persona("delta", "德尔塔" + i, "背景。", "", List.of(), "", "", List.of(), null));
      registry.delete("delta");
    }
    stop.set(true);
    for (Thread t : readers) t.join();
    assertEquals(List.of(), failures);
  }
}
