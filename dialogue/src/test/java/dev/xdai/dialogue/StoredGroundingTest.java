package dev.xdai.dialogue;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xdai.prompting.KnowledgeItem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Groundings stored by every earlier version (frozen files under {@code stored/}) read back; a newer schema is refused. */
class StoredGroundingTest {

  @TempDir Path dir;

  /** What the frozen files hold. */
  static Grounding expected() {
    KnowledgeItem item = new KnowledgeItem("clinic:f:3b02097c0f225989", KnowledgeItem.Format.QA, "洗牙多少钱？", "洗牙每次150元",
        "triples.csv", "clinic", 1.0, new KnowledgeItem.Fact("口腔科", "收费"));
    return new Grounding(List.of(new Grounding.SelectedExchange(0, "你们几点开门？", "周一至周五8:00-20:00。", 0.74)),
        List.of(new Grounding.Injected("query", item)), List.of(new Grounding.Background("康宁社区诊所是一家社区综合诊所。", "clinic:d:1")),
        "我是前台周敏。", "neutral", "", List.of("history:0"), List.of(), List.of("quoted"), "xdai-glm-small-int8", "quoted",
        Map.of("total", 12.5), ReplyMode.QUOTED, List.of(new Grounding.Quoted("clinic:f:3b02097c0f225989", "clinic", "triples.csv", 0.348)),
        null);
  }

  static String frozen(String name) throws IOException {
    try (InputStream in = StoredGroundingTest.class.getResourceAsStream("stored/" + name)) {
      assertNotNull(in, name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void schemaOneReadsBackAsWritten() throws IOException {
    assertEquals(expected(), StoredGrounding.read(frozen("grounding-v1.json")));
    Grounding old = StoredGrounding.read(frozen("grounding-v1-before-modes.json"));
    Grounding e = expected();
    assertEquals(new Grounding(e.history(), e.knowledge(), e.background(), e.persona(), e.emotion(), e.postResponse(), e.dropped(),
        e.unsupportedNumbers(), e.notes(), e.model(), e.finishReason(), e.timingsMs(), null, List.of(), null), old,
        "before replies had a mode: none, nothing quoted, no bank entry");
  }

  @Test
  void aJournalWrittenBeforeTheSchemaIsReplayedIntoTheStore() throws Exception {
    Files.writeString(dir.resolve("sessions.journal"), frozen("journal-v1.jsonl"));
    InMemorySessionStore memory = new InMemorySessionStore();
    memory.create(new Session("s-1", "receptionist", "", "", Instant.ofEpochMilli(1_000), List.of()));
    // The store already holds turn 0: the journaled turn 1 follows it.
    memory.append("s-1", new TurnRecord(0, "你好", "您好", expected(), Instant.ofEpochMilli(1_764_769_000_000L)));
    try (JournaledSessionStore journal = JournaledSessionStore.open(memory, dir.resolve("sessions.journal"), new ObjectMapper()).orElseThrow()) {
      TurnRecord replayed = journal.find("s-1").orElseThrow().turns().get(1);
      assertEquals(new TurnRecord(1, "洗牙多少钱？", "收费是洗牙每次150元。", expected(), Instant.ofEpochMilli(1_764_770_000_000L)), replayed);
    }
  }

  @Test
  void thisVersionWritesItsSchemaAndReadsItBack() {
    Grounding g = new Grounding(List.of(), List.of(), List.of(), "p", "", "", List.of(), List.of("9元"), List.of(), "m", "END",
        Map.of(), ReplyMode.BANK, List.of(), new Grounding.BankOrigin("chitchat", "b:7", "subtitles"));
    String written = StoredGrounding.write(g);
    assertTrue(written.contains("\"schema\":" + StoredGrounding.CURRENT), written);
    assertEquals(g, StoredGrounding.read(written));
    assertEquals(expected(), StoredGrounding.read(StoredGrounding.tree(expected())));
  }

  @Test
  void aNewerSchemaIsRefusedNamingIt() {
    var e = assertThrows(IllegalStateException.class, () -> StoredGrounding.read("{\"schema\": 3, \"history\": []}"));
    assertTrue(e.getMessage().contains("schema 3") && e.getMessage().contains("newer"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> StoredGrounding.read("[1, 2]"));
  }
}
