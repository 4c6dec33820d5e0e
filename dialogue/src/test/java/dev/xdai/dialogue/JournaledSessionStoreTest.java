package dev.xdai.dialogue;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xdai.prompting.KnowledgeItem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournaledSessionStoreTest {

  @TempDir Path dir;
  final ObjectMapper json = new ObjectMapper();
  final InMemorySessionStore memory = new InMemorySessionStore();
  /** The store behind the journal, unreachable for appends while {@code down} is set. */
  final AtomicBoolean down = new AtomicBoolean();
  final SessionStore behind = new SessionStore() {
    @Override public void create(Session session) { memory.create(session); }
    @Override public Optional<Session> find(String id) { return memory.find(id); }
    @Override public void append(String sessionId, TurnRecord turn) {
      if (down.get()) throw new IllegalStateException("graph server unreachable");
      memory.append(sessionId, turn);
    }
    @Override public boolean delete(String id) { return memory.delete(id); }
    @Override public List<SessionSummary> list(String owner, int limit) { return memory.list(owner, limit); }
  };

  Path file() {
    return dir.resolve("sessions.journal");
  }

  JournaledSessionStore open() {
    return JournaledSessionStore.open(behind, file(), json).orElseThrow();
  }

  static Session session(String id) {
    return new Session(id, "plain", "", "", Instant.ofEpochMilli(1_000), List.of());
  }

  static TurnRecord turn(int index, String user) {
    KnowledgeItem k = new KnowledgeItem("kb:" + index, KnowledgeItem.Format.QA, "问" + index, "答" + index, "kdconv", "films", 0.5);
    Grounding g = new Grounding(List.of(new Grounding.SelectedExchange(0, "你好", "你好呀", 0.7)), List.of(new Grounding.Injected("query", k)),
        List.of(new Grounding.Background("背景", "kb:b")), "plain", "", "", List.of(), List.of(), List.of("note"), "scripted", "END",
        Map.of("history", 1.5), ReplyMode.GENERATED, List.of(), null);
    return new TurnRecord(index, user, "回答" + index, g, Instant.ofEpochMilli(2_000 + index));
  }

  @Test
  void acknowledgedTurnsReachTheStoreInOrderWithTheirGroundingAndTheJournalEmpties() throws Exception {
    try (JournaledSessionStore store = open()) {
      store.create(session("s"));
      for (int i = 0; i < 20; i++) store.append("s", turn(i, "问题" + i));
      Session stored = store.find("s").orElseThrow(); // waits for the turns journaled before it
      assertEquals(20, stored.turns().size());
      assertEquals(turn(7, "问题7"), stored.turns().get(7));
      assertEquals(0, store.backlog());
      assertEquals(0, Files.size(file()));
    }
  }

  @Test
  void turnsLeftInTheJournalWhenTheStoreWasDownAreAppliedWhenItIsOpenedAgain() throws Exception {
    memory.create(session("s"));
    down.set(true);
    JournaledSessionStore first = open();
    first.append("s", turn(0, "一"));
    first.append("s", turn(1, "二"));
    first.close(); // does not wait for an unreachable store: the turns stay journaled
    assertEquals(2, Files.readAllLines(file()).size());
    assertTrue(memory.find("s").orElseThrow().turns().isEmpty());

    down.set(false);
    try (JournaledSessionStore second = open()) {
      assertEquals(List.of("一", "二"), second.find("s").orElseThrow().turns().stream().map(TurnRecord::user).toList());
    }
  }

  @Test
  void replayingTurnsThatReachedTheStoreBeforeACrashDoesNotDuplicateThem() throws Exception {
    memory.create(session("s"));
    memory.append("s", turn(0, "一")); // stored, but the process died before the journal was emptied
    Files.writeString(file(), json.writeValueAsString(JournaledSessionStore.Line.of("s", turn(0, "一"))) + "\n"
        + json.writeValueAsString(JournaledSessionStore.Line.of("s", turn(1, "二"))) + "\n", StandardCharsets.UTF_8);
    try (JournaledSessionStore store = open()) {
      assertEquals(List.of("一", "二"), store.find("s").orElseThrow().turns().stream().map(TurnRecord::user).toList());
    }
  }

  @Test
  void aTornLastLineIsSkippedAndTheCompleteOnesApplied() throws Exception {
    memory.create(session("s"));
    String whole = json.writeValueAsString(JournaledSessionStore.Line.of("s", turn(0, "一")));
    Files.writeString(file(), whole + "\n" + whole.substring(0, whole.length() / 2), StandardCharsets.UTF_8);
    try (JournaledSessionStore store = open()) {
      assertEquals(List.of("一"), store.find("s").orElseThrow().turns().stream().map(TurnRecord::user).toList());
    }
  }

  @Test
  void aReadWaitsWhileTheStoreIsDownAndSeesTheTurnOnceItIsBack() throws Exception {
    memory.create(session("s"));
    down.set(true);
    try (JournaledSessionStore store = open()) {
      store.append("s", turn(0, "一"));
      CompletableFuture<Optional<Conversation>> read = CompletableFuture.supplyAsync(() -> store.conversation("s"));
      Thread.sleep(300);
      assertFalse(read.isDone(), "the read must wait for the acknowledged turn");
      assertEquals(1, store.backlog());
      down.set(false);
      assertEquals(1, read.get(10, TimeUnit.SECONDS).orElseThrow().exchanges().size());
    }
  }

  @Test
  void aTurnRefusedForGoodIsDroppedAndLaterTurnsStillArrive() throws Exception {
    try (JournaledSessionStore store = open()) {
      store.create(session("kept"));
      store.append("gone", turn(0, "没有这个会话"));
      store.append("kept", turn(0, "一"));
      assertEquals(List.of("一"), store.find("kept").orElseThrow().turns().stream().map(TurnRecord::user).toList());
      assertEquals(0, store.backlog());
    }
  }

  @Test
  void aTurnOutOfOrderWithTheJournaledOnesIsRefusedBeforeItIsJournaledAndTheSameTurnIsJournaledOnce() throws Exception {
    down.set(true); // turns stay pending
    try (JournaledSessionStore store = open()) {
      store.append("s", turn(0, "一"));
      store.append("s", turn(0, "一")); // sent again: already journaled
      var gap = assertThrows(DialogueException.class, () -> store.append("s", turn(2, "三")));
      assertEquals(DialogueException.Kind.CONFLICT, gap.kind());
      var taken = assertThrows(DialogueException.class, () -> store.append("s", turn(0, "另一句")));
      assertEquals(DialogueException.Kind.CONFLICT, taken.kind());
      store.append("s", turn(1, "二"));
      assertEquals(2, Files.readAllLines(file(), StandardCharsets.UTF_8).size(), "nothing refused reached the journal");
      memory.create(session("s"));
      down.set(false);
      assertEquals(List.of("一", "二"), store.find("s").orElseThrow().turns().stream().map(TurnRecord::user).toList());
    }
  }

  @Test
  void aJournalHeldByAnotherStoreIsNotOpenedTwice() {
    try (JournaledSessionStore first = open()) {
      assertTrue(JournaledSessionStore.open(behind, file(), json).isEmpty());
    }
    JournaledSessionStore.open(behind, file(), json).orElseThrow().close(); // free again once closed
  }
}
