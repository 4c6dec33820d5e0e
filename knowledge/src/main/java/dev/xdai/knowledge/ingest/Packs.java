package dev.xdai.knowledge.ingest;

import dev.xdai.graph.GraphConnection;
import dev.xdai.knowledge.sync.IndexSync;
import dev.xdai.knowledge.sync.SyncResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/** Lists, describes, deletes and re-indexes packs. Thread-safe; changes to one pack are serialised with its imports. */
public final class Packs {

  private final GraphConnection graph;
  private final IndexSync sync; // null: graph only

  /** @param sync the index to keep in step, or null */
  public Packs(GraphConnection graph, IndexSync sync) {
    this.graph = graph;
    this.sync = sync;
  }

  public List<PackInfo> list() {
    return graph.query(INFO + " ORDER BY name", Map.of()).stream().map(Packs::info).toList();
  }

  public Optional<PackInfo> get(String name) {
    return graph.query("MATCH (p:Pack {name: $name}) WITH p " + INFO.substring(INFO.indexOf("CALL")), Map.of("name", name))
        .stream().map(Packs::info).findFirst();
  }

  public boolean exists(String name) {
    return !graph.query("MATCH (p:Pack {name: $name}) RETURN p.name", Map.of("name", name)).isEmpty();
  }

  /** Deletes every node of the pack from the graph and the pack from the index; false when there was no such pack. */
  public boolean delete(String name) {
    ReentrantLock lock = PackLocks.of(PackName.check(name));
    lock.lock();
    try {
      boolean existed = exists(name);
      PackGraph.deletePack(graph, name);
      if (sync != null) sync.deletePack(name);
      return existed;
    } finally {
      lock.unlock();
    }
  }

  /** Pushes the pack from the graph into the index again. */
  public Optional<SyncResult> reindex(String name) {
    if (sync == null) return Optional.empty();
    ReentrantLock lock = PackLocks.of(PackName.check(name));
    lock.lock();
    try {
      return Optional.of(sync.syncPack(name));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Rebuilds the pack's derived entity-to-entity links ({@code RELATED}) if an import changed the pack since they were
   * last built; returns whether it did.
   */
  public boolean relinkIfStale(String name) {
    var rows = graph.query("MATCH (p:Pack {name: $name}) RETURN coalesce(p.linked, false) AS linked", Map.of("name", name));
    if (rows.isEmpty() || rows.get(0).get("linked").asBoolean()) return false;
    ReentrantLock lock = PackLocks.of(PackName.check(name));
    lock.lock();
    try {
      PackGraph.relink(graph, name);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The pack's entities whose name (or one of its aliases) contains {@code text}, exact names first, at most
   * {@code limit}.
   */
  public List<Neighbourhood.EntityRef> findEntities(String pack, String text, int limit) {
    if (text == null || text.isBlank()) return List.of();
    return graph.query("""
        MATCH (a:Alias {pack: $pack}) WHERE a.name CONTAINS $text
        MATCH (a)-[:ALIAS_OF]->(e:Entity)
        WITH e, min(CASE WHEN a.name = $text THEN 0 ELSE 1 END) AS exact, min(size(a.name)) AS length
        RETURN e.id AS id, e.name AS name, e.fullName AS fullName ORDER BY exact, length, name LIMIT $limit
        """, Map.of("pack", pack, "text", text.strip(), "limit", Math.max(1, limit)))
        .stream().map(r -> entityRef(r.get("id"), r.get("name"), r.get("fullName"))).toList();
  }

  /**
   * The entity {@code entityId} of {@code pack} and what lies around it, each list cut to {@code limit}; empty when the
   * pack holds no such entity. The pack's links between entities are rebuilt first if an import made them stale.
   */
  public Optional<Neighbourhood> neighbourhood(String pack, String entityId, int limit) {
    if (!entityId.startsWith(Ids.prefix(pack, "e"))) return Optional.empty();
    relinkIfStale(pack);
    int cut = Math.max(1, limit);
    var rows = graph.query("""
        MATCH (e:Entity {id: $id})
        RETURN e.id AS id, e.name AS name, e.fullName AS fullName,
          COLLECT { MATCH (a:Alias)-[:ALIAS_OF]->(e) RETURN a.name ORDER BY a.name } AS aliases,
          COLLECT { MATCH (e)-[:HAS_FACT]->(f:Fact) RETURN {id: f.id, attribute: f.attribute, value: f.value} ORDER BY f.attribute, f.value } AS facts,
          COLLECT { MATCH (e)-[:DESCRIBED_BY]->(d:Description) RETURN {id: d.id, title: d.label, text: d.text} ORDER BY d.id } AS descriptions,
          COLLECT { MATCH (q:QA)-[:ABOUT]->(e) RETURN {id: q.id, title: q.question, text: q.answer} ORDER BY q.question } AS qa,
          COLLECT { MATCH (e)-[r:RELATED]-(o:Entity)
                    RETURN {id: o.id, name: o.name, fullName: o.fullName, attribute: r.attribute, outgoing: startNode(r) = e}
                    ORDER BY o.name, r.attribute } AS links
        """, Map.of("id", entityId));
    if (rows.isEmpty()) return Optional.empty();
    Record r = rows.get(0);
    boolean[] truncated = {false};
    java.util.function.Function<String, List<Value>> cutList = key -> {
      List<Value> all = r.get(key).asList(v -> v);
      if (all.size() > cut) truncated[0] = true;
      return all.subList(0, Math.min(all.size(), cut));
    };
    List<Neighbourhood.Fact> facts = cutList.apply("facts").stream()
        .map(v -> new Neighbourhood.Fact(v.get("id").asString(), v.get("attribute").asString(), v.get("value").asString())).toList();
    List<Neighbourhood.Text> descriptions = cutList.apply("descriptions").stream().map(Packs::text).toList();
    List<Neighbourhood.Text> qa = cutList.apply("qa").stream().map(Packs::text).toList();
    List<Neighbourhood.Link> links = cutList.apply("links").stream()
        .map(v -> new Neighbourhood.Link(entityRef(v.get("id"), v.get("name"), v.get("fullName")), v.get("attribute").asString(),
            v.get("outgoing").asBoolean())).toList();
    return Optional.of(new Neighbourhood(entityRef(r.get("id"), r.get("name"), r.get("fullName")),
        r.get("aliases").asList(Value::asString), facts, descriptions, qa, links, truncated[0]));
  }

  private static Neighbourhood.EntityRef entityRef(Value id, Value name, Value fullName) {
    return new Neighbourhood.EntityRef(id.asString(), name.asString(""), fullName.asString(name.asString("")));
  }

  private static Neighbourhood.Text text(Value v) {
    return new Neighbourhood.Text(v.get("id").asString(), v.get("title").asString(""), v.get("text").asString(""));
  }

  /** Creates the pack if needed and sets its title, description and seed concepts (the curation's starting points). */
  public void describe(String name, String title, String description, List<String> seeds) {
    Map<String, Object> params = new HashMap<>();
    params.put("name", PackName.check(name));
    params.put("title", title == null || title.isBlank() ? name : title);
    params.put("description", description == null ? "" : description);
    params.put("seeds", seeds == null ? List.of() : List.copyOf(seeds));
    graph.update("""
        MERGE (p:Pack {name: $name}) ON CREATE SET p.createdAt = datetime()
        SET p.title = $title, p.description = $description, p.seeds = $seeds
        """, params);
  }

  /** Sets only the seed concepts. */
  public void setSeeds(String name, List<String> seeds) {
    graph.update("MERGE (p:Pack {name: $name}) ON CREATE SET p.createdAt = datetime(), p.title = $name SET p.seeds = $seeds",
        Map.of("name", PackName.check(name), "seeds", List.copyOf(seeds)));
  }

  private static final String INFO = """
      MATCH (p:Pack)
      CALL (p) {
        OPTIONAL MATCH (s:Source)<-[:HAS_SOURCE]-(p)
        RETURN collect(s.name) AS sources
      }
      CALL (p) {
        RETURN COUNT { MATCH (n:Entity) WHERE n.id STARTS WITH p.name + ':e:' } AS entities,
               COUNT { MATCH (n:Fact) WHERE n.id STARTS WITH p.name + ':f:' } AS facts,
               COUNT { MATCH (n:QA) WHERE n.id STARTS WITH p.name + ':q:' } AS qa,
               COUNT { MATCH (n:Description) WHERE n.id STARTS WITH p.name + ':d:' } AS descriptions
      }
      CALL (p) {
        OPTIONAL MATCH (p)-[x:EXPANDS_TO]->(e:Entity)
        WITH e, x ORDER BY x.rank
        RETURN collect(e.name) AS expansions
      }
      RETURN p.name AS name, p.title AS title, p.description AS description, entities, facts, qa, descriptions, sources,
             coalesce(p.seeds, []) AS seeds, expansions, p.updatedAt AS updatedAt
      """;

  private static PackInfo info(Record r) {
    Value updated = r.get("updatedAt");
    return new PackInfo(r.get("name").asString(), r.get("title").asString(r.get("name").asString()),
        r.get("description").asString(""), r.get("entities").asLong(), r.get("facts").asLong(), r.get("qa").asLong(),
        r.get("descriptions").asLong(), r.get("sources").asList(Value::asString), r.get("seeds").asList(Value::asString),
        r.get("expansions").asList(Value::asString), updated.isNull() ? null : updated.asZonedDateTime());
  }
}
