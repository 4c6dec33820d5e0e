package dev.xdai.dialogue;

import dev.xdai.prompting.Exchange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import dev.xdai.graph.GraphConnection;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * Sessions in the Neo4j graph, so they survive restarts and every service instance sharing the graph sees them:
 * {@code (:Session)-[:HAS_TURN]->(:Turn)}, each turn keeping its grounding as JSON.
 *
 * <p>The append check: a turn is stored only if its index is the session's turn count, decided under the session
 * node's write lock in the turn's own transaction, so two instances appending to one session are serialised and the
 * second is refused ({@code CONFLICT}) with nothing stored. A transaction the driver retries after a commit it did not
 * hear about finds its own turn and succeeds. Goes through {@link GraphConnection}, whose managed transactions retry on
 * transient errors and cluster leader changes.
 */
public final class Neo4jSessionStore implements SessionStore {

  private final GraphConnection graph;

  public Neo4jSessionStore(GraphConnection graph) {
    this.graph = graph;
  }

  /** Creates the constraints this store relies on; idempotent. */
  public Neo4jSessionStore ensureSchema() {
    graph.ensureSchema("CREATE CONSTRAINT xdai_session_id IF NOT EXISTS FOR (s:Session) REQUIRE s.id IS UNIQUE");
    graph.ensureSchema("CREATE INDEX xdai_turn_session IF NOT EXISTS FOR (t:Turn) ON (t.session, t.index)");
    graph.ensureSchema("CREATE INDEX xdai_session_created IF NOT EXISTS FOR (s:Session) ON (s.createdAt)");
    return this;
  }

  /**
   * Stores a new session; storing the same session again (a retried request) changes nothing.
   *
   * @throws DialogueException {@code CONFLICT} when another session of that id exists
   */
  @Override
  public void create(Session session) {
    boolean mine = graph.write(tx -> tx.run("""
        MERGE (s:Session {id: $id})
          ON CREATE SET s.bot = $bot, s.emotion = $emotion, s.owner = $owner, s.createdAt = $createdAt
        RETURN s.createdAt = $createdAt AND s.bot = $bot AND s.owner = $owner AS mine""",
        Map.of("id", session.id(), "bot", session.bot(), "emotion", session.emotion(), "owner", session.owner(),
            "createdAt", session.createdAt().toEpochMilli())).single().get("mine").asBoolean());
    if (!mine) throw new DialogueException(DialogueException.Kind.CONFLICT, "session '" + session.id() + "' exists already");
    for (TurnRecord t : session.turns()) append(session.id(), t);
  }

  @Override
  public Optional<Session> find(String id) {
    return readSession(id, "s, collect(t) AS turns", r -> {
      Value s0 = r.get("s");
      List<TurnRecord> turns = new ArrayList<>();
      for (Value t : r.get("turns").values()) turns.add(turn(t));
      return new Session(s0.get("id").asString(), s0.get("bot").asString(), s0.get("emotion").asString(""),
          s0.get("owner").asString(""), Instant.ofEpochMilli(s0.get("createdAt").asLong()), turns);
    });
  }

  @Override
  public Optional<Conversation> conversation(String id) {
    return readSession(id, "s.bot AS bot, s.emotion AS emotion, s.owner AS owner, collect([t.index, t.user, t.reply]) AS turns", r -> {
      List<Exchange> exchanges = new ArrayList<>();
      for (Value t : r.get("turns").values()) {
        if (t.get(0).isNull()) continue; // the session has no turns: collect() got one row of nulls
        exchanges.add(new Exchange(t.get(0).asInt(), t.get(1).asString(), t.get(2).asString()));
      }
      return new Conversation(id, r.get("bot").asString(), r.get("emotion").asString(""), r.get("owner").asString(""),
          exchanges);
    });
  }

  /** The session {@code id} with its turns in order, as {@code returns} (over {@code s} and {@code t}) gives them. */
  private <T> Optional<T> readSession(String id, String returns, Function<Record, T> read) {
    return graph.read(tx -> {
      var rows = tx.run("""
          MATCH (s:Session {id: $id})
          OPTIONAL MATCH (s)-[:HAS_TURN]->(t:Turn)
          WITH s, t ORDER BY t.index
          """ + "RETURN " + returns, Map.of("id", id)).list();
      return rows.isEmpty() ? Optional.empty() : Optional.of(read.apply(rows.get(0)));
    });
  }

  @Override
  public OptionalInt turnCount(String id) {
    List<Record> rows = graph.query("MATCH (s:Session {id: $id}) RETURN COUNT { (s)-[:HAS_TURN]->() } AS n", Map.of("id", id));
    return rows.isEmpty() ? OptionalInt.empty() : OptionalInt.of(rows.get(0).get("n").asInt());
  }

  @Override
  public void append(String sessionId, TurnRecord turn) {
    String grounding = StoredGrounding.write(turn.grounding());
    Map<String, Object> params = Map.of("id", sessionId, "index", turn.index(), "user", turn.user(), "reply", turn.reply(),
        "grounding", grounding, "at", turn.at().toEpochMilli());
    graph.write(tx -> {
      // Writing the session node takes its lock before the turns are counted: appends to one session are serialised.
      var locked = tx.run("""
          MATCH (s:Session {id: $id})
          SET s.lastTurnAt = $at
          RETURN COUNT { (s)-[:HAS_TURN]->() } AS n""", params).list();
      if (locked.isEmpty()) throw new DialogueException(DialogueException.Kind.CONFLICT, "session '" + sessionId + "' is gone");
      AppendCheck.Verdict verdict = AppendCheck.verdict(turn.index(), locked.get(0).get("n").asInt(), () -> storedAt(tx, params));
      switch (verdict) {
        case APPEND -> tx.run("""
            MATCH (s:Session {id: $id})
            CREATE (s)-[:HAS_TURN]->(:Turn {session: $id, index: $index, user: $user, reply: $reply, grounding: $grounding, at: $at})""",
            params).consume();
        case ALREADY_STORED -> { } // a retry of this very append whose first commit went through
        default -> throw AppendCheck.conflict(sessionId, turn.index(), locked.get(0).get("n").asInt(), verdict);
      }
      return null;
    });
  }

  /** Whether the turn stored at the index is this one (same words, same moment): a retried append's own. */
  private static boolean storedAt(org.neo4j.driver.TransactionContext tx, Map<String, Object> params) {
    return tx.run("""
        MATCH (:Session {id: $id})-[:HAS_TURN]->(t:Turn {index: $index})
        RETURN t.user = $user AND t.reply = $reply AND t.at = $at AS same""", params).list().stream()
        .anyMatch(r -> r.get("same").asBoolean(false));
  }

  @Override
  public List<SessionSummary> list(String owner, int limit) {
    Map<String, Object> params = new java.util.HashMap<>();
    params.put("owner", owner);
    params.put("limit", Math.max(0, limit));
    return graph.read(tx -> tx.run("""
          MATCH (s:Session) WHERE $owner IS NULL OR s.owner = $owner
          WITH s ORDER BY s.createdAt DESC LIMIT $limit
          CALL (s) {
            OPTIONAL MATCH (s)-[:HAS_TURN]->(t:Turn)
            WITH t ORDER BY t.index
            RETURN count(t) AS turns, head(collect(t.user)) AS first, max(t.at) AS last
          }
          RETURN s, turns, first, last ORDER BY s.createdAt DESC""", params).list(r -> {
        Value s0 = r.get("s");
        Instant created = Instant.ofEpochMilli(s0.get("createdAt").asLong());
        return new SessionSummary(s0.get("id").asString(), s0.get("bot").asString(), s0.get("emotion").asString(""),
            s0.get("owner").asString(""), created, r.get("turns").asInt(), r.get("first").asString(""),
            r.get("last").isNull() ? created : Instant.ofEpochMilli(r.get("last").asLong()));
      }));
  }

  @Override
  public boolean delete(String id) {
    return graph.write(tx -> tx.run("""
        MATCH (s:Session {id: $id})
        OPTIONAL MATCH (s)-[:HAS_TURN]->(t:Turn)
        DETACH DELETE s, t
        RETURN count(*) AS n""", Map.of("id", id)).single().get("n").asLong() > 0);
  }

  private TurnRecord turn(Value t) {
    Grounding g = StoredGrounding.read(t.get("grounding").asString());
    return new TurnRecord(t.get("index").asInt(), t.get("user").asString(), t.get("reply").asString(), g, Instant.ofEpochMilli(t.get("at").asLong()));
  }
}
