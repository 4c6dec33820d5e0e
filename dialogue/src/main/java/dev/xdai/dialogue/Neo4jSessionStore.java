package dev.xdai.dialogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xdai.prompting.Exchange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * Sessions in the Neo4j graph, so they survive restarts: {@code (:Session)-[:HAS_TURN]->(:Turn)}, each turn keeping its
 * grounding as JSON. Talks to the server through the driver only; the driver is looked up per call so a reconnected
 * graph is used as soon as it is back.
 */
public final class Neo4jSessionStore implements SessionStore {

  private final Supplier<Driver> driver;
  private final ObjectMapper json;

  public Neo4jSessionStore(Supplier<Driver> driver, ObjectMapper json) {
    this.driver = driver;
    this.json = json;
  }

  /** Creates the constraints this store relies on; idempotent. */
  public Neo4jSessionStore ensureSchema() {
    try (Session s = driver.get().session()) {
      s.run("CREATE CONSTRAINT xdai_session_id IF NOT EXISTS FOR (s:Session) REQUIRE s.id IS UNIQUE").consume();
      s.run("CREATE INDEX xdai_turn_session IF NOT EXISTS FOR (t:Turn) ON (t.session, t.index)").consume();
      s.run("CREATE INDEX xdai_session_created IF NOT EXISTS FOR (s:Session) ON (s.createdAt)").consume();
    }
    return this;
  }

  @Override
  public void create(dev.xdai.dialogue.Session session) {
    try (Session s = driver.get().session()) {
      s.executeWriteWithoutResult(tx -> tx.run(
          "CREATE (:Session {id: $id, bot: $bot, emotion: $emotion, owner: $owner, createdAt: $createdAt})",
          Map.of("id", session.id(), "bot", session.bot(), "emotion", session.emotion(), "owner", session.owner(),
              "createdAt", session.createdAt().toEpochMilli())).consume());
    }
    for (TurnRecord t : session.turns()) append(session.id(), t);
  }

  @Override
  public Optional<dev.xdai.dialogue.Session> find(String id) {
    try (Session s = driver.get().session()) {
      return s.executeRead(tx -> {
        var rows = tx.run("""
            MATCH (s:Session {id: $id})
            OPTIONAL MATCH (s)-[:HAS_TURN]->(t:Turn)
            WITH s, t ORDER BY t.index
            RETURN s, collect(t) AS turns""", Map.of("id", id)).list();
        if (rows.isEmpty()) return Optional.empty();
        Record r = rows.get(0);
        Value s0 = r.get("s");
        List<TurnRecord> turns = new ArrayList<>();
        for (Value t : r.get("turns").values()) turns.add(turn(t));
        return Optional.of(new dev.xdai.dialogue.Session(s0.get("id").asString(), s0.get("bot").asString(), s0.get("emotion").asString(""),
            s0.get("owner").asString(""), Instant.ofEpochMilli(s0.get("createdAt").asLong()), turns));
      });
    }
  }

  @Override
  public Optional<Conversation> conversation(String id) {
    try (Session s = driver.get().session()) {
      return s.executeRead(tx -> {
        var rows = tx.run("""
            MATCH (s:Session {id: $id})
            OPTIONAL MATCH (s)-[:HAS_TURN]->(t:Turn)
            WITH s, t ORDER BY t.index
            RETURN s.bot AS bot, s.emotion AS emotion, s.owner AS owner, collect([t.index, t.user, t.reply]) AS turns""", Map.of("id", id)).list();
        if (rows.isEmpty()) return Optional.empty();
        Record r = rows.get(0);
        List<Exchange> exchanges = new ArrayList<>();
        for (Value t : r.get("turns").values()) {
          if (t.get(0).isNull()) continue; // the session has no turns: collect() got one row of nulls
          exchanges.add(new Exchange(t.get(0).asInt(), t.get(1).asString(), t.get(2).asString()));
        }
        return Optional.of(new Conversation(id, r.get("bot").asString(), r.get("emotion").asString(""), r.get("owner").asString(""),
            exchanges));
      });
    }
  }

  @Override
  public void append(String sessionId, TurnRecord turn) {
    String grounding;
    try {
      grounding = json.writeValueAsString(turn.grounding());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise grounding", e);
    }
    try (Session s = driver.get().session()) {
      boolean appended = s.executeWrite(tx -> tx.run("""
          MATCH (s:Session {id: $id})
          OPTIONAL MATCH (s)-[:HAS_TURN]->(t:Turn)
          WITH s, count(t) AS n
          WHERE n = $index
          CREATE (s)-[:HAS_TURN]->(:Turn {session: $id, index: $index, user: $user, reply: $reply, grounding: $grounding, at: $at})
          RETURN n""",
          Map.of("id", sessionId, "index", turn.index(), "user", turn.user(), "reply", turn.reply(), "grounding", grounding,
              "at", turn.at().toEpochMilli())).hasNext());
      if (!appended) {
        throw new DialogueException(DialogueException.Kind.CONFLICT, "session " + sessionId + " is gone or turn " + turn.index() + " is out of order");
      }
    }
  }

  @Override
  public List<SessionSummary> list(String owner, int limit) {
    Map<String, Object> params = new java.util.HashMap<>();
    params.put("owner", owner);
    params.put("limit", Math.max(0, limit));
    try (Session s = driver.get().session()) {
      return s.executeRead(tx -> tx.run("""
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
  }

  @Override
  public boolean delete(String id) {
    try (Session s = driver.get().session()) {
      return s.executeWrite(tx -> tx.run("""
          MATCH (s:Session {id: $id})
          OPTIONAL MATCH (s)-[:HAS_TURN]->(t:Turn)
          DETACH DELETE s, t
          RETURN count(*) AS n""", Map.of("id", id)).single().get("n").asLong() > 0);
    }
  }

  private TurnRecord turn(Value t) {
    Grounding g;
    try {
      g = json.readValue(t.get("grounding").asString(), Grounding.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored grounding is unreadable", e);
    }
    return new TurnRecord(t.get("index").asInt(), t.get("user").asString(), t.get("reply").asString(), g, Instant.ofEpochMilli(t.get("at").asLong()));
  }
}
