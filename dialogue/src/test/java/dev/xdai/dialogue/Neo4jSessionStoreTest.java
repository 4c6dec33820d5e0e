package dev.xdai.dialogue;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xdai.graph.GraphConnection;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session store against a real Neo4j server started by the production launcher, and the journal in front of it. */
class Neo4jSessionStoreTest {

  @TempDir static Path dir;
  static GraphConnection graph;
  static Neo4jSessionStore store;

  @BeforeAll
  static void start() {
    graph = SharedTestGraph.get();
    store = new Neo4jSessionStore(graph).ensureSchema();
  }

  static Session newSession(String emotion) {
    return new Session(UUID.randomUUID().toString(), "student", emotion, "key-a", Instant.ofEpochMilli(5_000), List.of());
  }

  @Test
  void turnsComeBackInOrderWithTheirGrounding() {
    Session s = newSession("happy");
    store.create(s);
    for (int i = 0; i < 3; i++) store.append(s.id(), JournaledSessionStoreTest.turn(i, "第" + i + "句"));
    Session found = store.find(s.id()).orElseThrow();
    assertEquals("student", found.bot());
    assertEquals("happy", found.emotion());
    assertEquals("key-a", found.owner());
    assertEquals(JournaledSessionStoreTest.turn(1, "第1句"), found.turns().get(1));
    Conversation c = store.conversation(s.id()).orElseThrow();
    assertEquals(List.of("第0句", "第1句", "第2句"), c.exchanges().stream().map(e -> e.user()).toList());
    assertEquals("key-a", c.owner());
    assertEquals("回答2", c.exchanges().get(2).bot());
  }

  @Test
  void aTurnStoredBeforeTheGroundingSchemaReadsBack() throws Exception {
    Session s = newSession("");
    store.create(s);
    // As the graph held it before stored groundings named their schema (written here the way that version wrote it).
    graph.update("""
        MATCH (s:Session {id: $id})
        CREATE (s)-[:HAS_TURN]->(:Turn {session: $id, index: 0, user: '洗牙多少钱？', reply: '洗牙每次150元。', grounding: $g, at: 7000})""",
        Map.of("id", s.id(), "g", StoredGroundingTest.frozen("grounding-v1.json")));
    assertEquals(StoredGroundingTest.expected(), store.find(s.id()).orElseThrow().turns().get(0).grounding());
    store.append(s.id(), JournaledSessionStoreTest.turn(1, "再问一句")); // and the session goes on in the current schema
    assertEquals(JournaledSessionStoreTest.turn(1, "再问一句"), store.find(s.id()).orElseThrow().turns().get(1));
  }

  @Test
  void anOutOfOrderTurnOrAMissingSessionIsAConflictThatChangesNothing() {
    Session s = newSession("");
    store.create(s);
    store.append(s.id(), JournaledSessionStoreTest.turn(0, "一"));
    DialogueException twice = assertThrows(DialogueException.class, () -> store.append(s.id(), JournaledSessionStoreTest.turn(0, "又一")));
    assertEquals(DialogueException.Kind.CONFLICT, twice.kind());
    assertEquals(DialogueException.Kind.CONFLICT,
        assertThrows(DialogueException.class, () -> store.append(s.id(), JournaledSessionStoreTest.turn(5, "五"))).kind());
    assertEquals(DialogueException.Kind.CONFLICT,
        assertThrows(DialogueException.class, () -> store.append("no-such-session", JournaledSessionStoreTest.turn(0, "一"))).kind());
    assertEquals(List.of("一"), store.find(s.id()).orElseThrow().turns().stream().map(TurnRecord::user).toList());
  }

  @Test
  void appendsRacingForOneIndexStoreExactlyOneTurnAndTheSameTurnAgainIsAccepted() throws Exception {
    Session s = newSession("");
    store.create(s);
    store.create(s); // a retried create of the same session changes nothing
    assertEquals(DialogueException.Kind.CONFLICT, assertThrows(DialogueException.class,
        () -> store.create(new Session(s.id(), "student", "", "key-b", s.createdAt(), List.of()))).kind());
    int writers = 6;
    var start = new java.util.concurrent.CountDownLatch(1);
    int stored = 0;
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(writers)) {
      var calls = new java.util.ArrayList<java.util.concurrent.Future<?>>();
      for (int w = 0; w < writers; w++) {
        TurnRecord turn = JournaledSessionStoreTest.turn(0, "写者" + w);
        calls.add(pool.submit(() -> { start.await(); store.append(s.id(), turn); return null; }));
      }
      start.countDown();
      for (var call : calls) {
        try {
          call.get();
          stored++;
        } catch (java.util.concurrent.ExecutionException e) {
          assertEquals(DialogueException.Kind.CONFLICT, ((DialogueException) e.getCause()).kind());
        }
      }
    }
    assertEquals(1, stored);
    List<TurnRecord> turns = store.find(s.id()).orElseThrow().turns();
    assertEquals(1, turns.size());
    assertEquals(java.util.OptionalInt.of(1), store.turnCount(s.id()));
    store.append(s.id(), turns.get(0)); // the stored turn sent again (a retried commit): accepted, not duplicated
    assertEquals(1, store.find(s.id()).orElseThrow().turns().size());
    assertTrue(store.turnCount("no-such-session").isEmpty());
  }

  @Test
  void cypherInTheTextIsStoredAsText() {
    Session s = newSession("");
    store.create(s);
    String hostile = "'}) MATCH (n) DETACH DELETE n //\" RETURN 1; CALL db.labels()";
    store.append(s.id(), JournaledSessionStoreTest.turn(0, hostile));
    assertEquals(hostile, store.find(s.id()).orElseThrow().turns().get(0).user());
    assertTrue(store.find(s.id()).isPresent());
  }

  @Test
  void listingGivesAnOwnersSessionsNewestFirstWithTheirFirstUtterance() {
    String owner = "lister-" + UUID.randomUUID();
    Session older = new Session(UUID.randomUUID().toString(), "student", "", owner, Instant.ofEpochMilli(10_000), List.of());
    Session newer = new Session(UUID.randomUUID().toString(), "receptionist", "happy", owner, Instant.ofEpochMilli(20_000), List.of());
    store.create(older);
    store.create(newer);
    store.create(new Session(UUID.randomUUID().toString(), "student", "", "someone-else", Instant.ofEpochMilli(30_000), List.of()));
    for (int i = 0; i < 2; i++) store.append(older.id(), JournaledSessionStoreTest.turn(i, "第" + i + "句"));
    List<SessionSummary> listed = store.list(owner, 10);
    assertEquals(List.of(newer.id(), older.id()), listed.stream().map(SessionSummary::id).toList());
    assertEquals(0, listed.get(0).turns());
    assertEquals("", listed.get(0).firstUtterance());
    assertEquals(newer.createdAt(), listed.get(0).lastActivity());
    assertEquals("happy", listed.get(0).emotion());
    assertEquals(2, listed.get(1).turns());
    assertEquals("第0句", listed.get(1).firstUtterance());
    assertEquals(store.find(older.id()).orElseThrow().turns().get(1).at(), listed.get(1).lastActivity());
    assertEquals(1, store.list(owner, 1).size());
    assertTrue(store.list(null, 100).stream().map(SessionSummary::owner).toList().containsAll(List.of(owner, "someone-else")));
  }

  @Test
  void deleteRemovesTheSessionAndItsTurns() {
    Session s = newSession("");
    store.create(s);
    store.append(s.id(), JournaledSessionStoreTest.turn(0, "一"));
    assertTrue(store.delete(s.id()));
    assertTrue(store.find(s.id()).isEmpty());
    assertTrue(store.conversation(s.id()).isEmpty());
    assertFalse(store.delete(s.id()));
  }

  @Test
  void throughTheJournalTurnsReachTheGraph() {
    Session s = newSession("");
    try (JournaledSessionStore journal = JournaledSessionStore.open(store, dir.resolve("sessions.journal"), new ObjectMapper()).orElseThrow()) {
      journal.create(s);
      for (int i = 0; i < 5; i++) journal.append(s.id(), JournaledSessionStoreTest.turn(i, "第" + i + "句"));
      assertEquals(5, journal.find(s.id()).orElseThrow().turns().size());
      assertEquals(0, journal.backlog());
    }
    assertEquals(5, store.find(s.id()).orElseThrow().turns().size());
  }
}
