package dev.xdai.dialogue;

import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.personas.ContentRoot;
import dev.xdai.personas.Format;
import dev.xdai.personas.Persona;
import dev.xdai.personas.PersonaReader;
import dev.xdai.personas.PersonaRegistry;
import dev.xdai.personas.PersonaRegistryException;
import dev.xdai.personas.SourceText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas, each with its own persona folder, over one real graph: a persona written through one is used by the
 * other once its change feed catches up, replaced and deleted alike, and a replica that was down catches up with all
 * it missed, deletes included.
 */
class SharedPersonasTest {

  @TempDir Path dir;
  PersonaRegistry registryA;
  PersonaRegistry registryB;
  SharedPersonas replicaA;
  SharedPersonas replicaB;
  /** Ids of this test run, so runs sharing the graph keep apart. */
  final String id = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @BeforeEach
  void start() throws IOException {
    Path shipped = dir.resolve("shipped");
    write(shipped.resolve("emotions/neutral.yaml"), "version: 1\nid: neutral\ndescription: 平静\npostResponses:\n  - lines:\n"
        + "      - speaker: user\n        text: 嗯。\n");
    write(shipped.resolve("personas/shipped-one.yaml"), persona("shipped-one", "原装"));
    registryA = PersonaRegistry.load(List.of(ContentRoot.directory(shipped)), dir.resolve("a"));
    registryB = PersonaRegistry.load(List.of(ContentRoot.directory(shipped)), dir.resolve("b"));
    replicaA = new SharedPersonas(registryA, SharedTestGraph.get());
    replicaB = new SharedPersonas(registryB, SharedTestGraph.get());
    replicaA.start();
    replicaB.start();
  }

  static String persona(String id, String name) {
    return "version: 1\nid: " + id + "\ndisplayName: " + name + "\nbackground: 我是" + name + "。\n"
        + "examples:\n  - lines:\n      - speaker: user\n        text: 你好\n      - speaker: bot\n        text: 你好呀\n";
  }

  static Persona read(String yaml) {
    return PersonaReader.readPersona(SourceText.of("test", yaml, Format.YAML), Set.of("neutral"));
  }

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void aPersonaWrittenThroughOneReplicaIsUsedByTheOtherReplacedAndDeletedAlike() {
    replicaA.create(read(persona(id, "小林")));
    assertTrue(registryB.find(id).isEmpty());
    assertTrue(replicaB.catchUp().contains(id));
    assertEquals("小林", registryB.find(id).orElseThrow().displayName());
    assertTrue(Files.exists(dir.resolve("b/personas/" + id + ".yaml")), "mirrored as a file of B's own folder");
    assertTrue(replicaB.catchUp().isEmpty());

    var twice = assertThrows(PersonaRegistryException.class, () -> replicaB.create(read(persona(id, "又一个"))));
    assertEquals(PersonaRegistryException.Reason.ALREADY_EXISTS, twice.reason());

    replicaB.replace(read(persona(id, "小林老师")));
    replicaA.catchUp();
    assertEquals("小林老师", registryA.find(id).orElseThrow().displayName());

    replicaA.delete(id);
    assertTrue(registryA.find(id).isEmpty());
    assertTrue(replicaB.catchUp().contains(id));
    assertTrue(registryB.find(id).isEmpty());
  }

  @Test
  void aReplicaThatWasDownCatchesUpAndPublishesWhatOnlyItsFolderHad() throws IOException {
    String kept = id + "-kept";
    String gone = id + "-gone";
    replicaA.create(read(persona(kept, "留下")));
    replicaA.create(read(persona(gone, "删掉")));
    replicaB.catchUp();
    assertTrue(registryB.find(gone).isPresent());
    // B goes down; meanwhile A deletes one and overrides a shipped persona; B's folder gains a hand-written file
    replicaA.delete(gone);
    replicaA.replace(read(persona("shipped-one", "改过的原装")));
    String local = id + "-local";
    write(dir.resolve("b/personas/" + local + ".yaml"), persona(local, "本地"));
    registryB.reload();

    SharedPersonas restarted = new SharedPersonas(registryB, SharedTestGraph.get());
    assertEquals(List.of(local), restarted.start().stream().filter(p -> p.startsWith(id)).toList());
    assertTrue(registryB.find(gone).isEmpty());
    assertEquals("留下", registryB.find(kept).orElseThrow().displayName());
    assertEquals("改过的原装", registryB.find("shipped-one").orElseThrow().displayName());
    replicaA.catchUp();
    assertEquals("本地", registryA.find(local).orElseThrow().displayName());

    assertEquals(PersonaRegistry.Deleted.REVERTED_TO_SHIPPED, replicaB.delete("shipped-one"));
    replicaA.catchUp();
    assertEquals("原装", registryA.find("shipped-one").orElseThrow().displayName());
    var shipped = assertThrows(PersonaRegistryException.class, () -> replicaA.delete("shipped-one"));
    assertEquals(PersonaRegistryException.Reason.READ_ONLY, shipped.reason());
  }
}
