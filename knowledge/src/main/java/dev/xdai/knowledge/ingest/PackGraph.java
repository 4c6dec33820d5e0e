package dev.xdai.knowledge.ingest;

import dev.xdai.graph.ChangeClock;
import dev.xdai.graph.GraphConnection;
import java.util.List;
import java.util.Map;

/**
 * Pack-wide graph maintenance shared by the importers and {@link Packs}: dropping a source's stale provenance stamps
 * (and the nodes no source provides any more), deleting a whole pack, and deriving entity-to-entity links from fact
 * values. Deletes run in batches ({@code CALL ...
 * IN TRANSACTIONS}) so a big pack never needs one huge transaction.
 */
final class PackGraph {

  /** Item labels with their id kinds, in deletion order: leaves first, entities after the facts that point at them. */
  static final List<Map.Entry<String, String>> ITEM_KINDS = List.of(
      Map.entry("Fact", "f"), Map.entry("QA", "q"), Map.entry("Description", "d"), Map.entry("Alias", "a"),
      Map.entry("Entity", "e"));

  private PackGraph() {}

  /**
   * After an import of the source {@code key} with run {@code stamp}: removes the source's older stamps from the pack's
   * nodes and deletes the nodes left without any stamp (no source provides them any more); returns how many.
   */
  static long dropStaleStamps(GraphConnection graph, String pack, String key, String stamp) {
    long deleted = 0;
    for (Map.Entry<String, String> kind : ITEM_KINDS) {
      // The label comes from the constant list above, never from data.
      Map<String, Object> params = Map.of("prefix", Ids.prefix(pack, kind.getValue()), "key", key + "@", "stamp", stamp);
      graph.autoCommit("MATCH (n:" + kind.getKey() + ") WHERE n.id STARTS WITH $prefix "
          + "AND any(x IN n.prov WHERE x STARTS WITH $key AND x <> $stamp) "
          + "CALL (n) { SET n.prov = [x IN n.prov WHERE NOT x STARTS WITH $key] } IN TRANSACTIONS OF 10000 ROWS", params);
      deleted += graph.autoCommit("MATCH (n:" + kind.getKey() + ") WHERE n.id STARTS WITH $prefix AND size(n.prov) = 0 "
          + "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS", params).counters().nodesDeleted();
    }
    return deleted;
  }

  /** Deletes every node of the pack, its sources and the pack itself; returns the number of nodes deleted. */
  static long deletePack(GraphConnection graph, String pack) {
    long deleted = 0;
    for (Map.Entry<String, String> kind : ITEM_KINDS) {
      deleted += graph.autoCommit("MATCH (n:" + kind.getKey() + ") WHERE n.id STARTS WITH $prefix "
          + "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS",
          Map.of("prefix", Ids.prefix(pack, kind.getValue()))).counters().nodesDeleted();
    }
    deleted += graph.autoCommit("MATCH (n:Source) WHERE n.id STARTS WITH $prefix "
        + "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 100 ROWS", Map.of("prefix", Ids.prefix(pack, "s")))
        .counters().nodesDeleted();
    // The pack node goes last, with a tick of the change clock: replicas' indexes drop the pack when they see it gone.
    deleted += graph.update("""
        OPTIONAL MATCH (p:Pack {name: $pack}) DETACH DELETE p
        WITH count(*) AS done %s
        """.formatted(ChangeClock.TICK), Map.of("pack", pack)).counters().nodesDeleted();
    return deleted;
  }

  /**
   * Rebuilds {@code (Entity)-[:RELATED {attribute}]->(Entity)}: a fact whose value (or one of its list parts, e.g. one
   * actor of 主演) names another entity of the pack links the two. Concept expansion walks these links. Rebuilt for the
   * whole pack (a new source can name entities that older facts mention), when curation needs them after an import:
   * not during the import, whose throughput it would cost about 15%.
   */
  static void relink(GraphConnection graph, String pack) {
    Map<String, Object> params = Map.of("pack", pack, "entities", Ids.prefix(pack, "e"), "facts", Ids.prefix(pack, "f"));
    // Links whose facts are gone go; the others stay (a re-import then writes nothing here).
    graph.autoCommit("""
        MATCH (e:Entity)-[r:RELATED]->(o:Entity) WHERE e.id STARTS WITH $entities
          AND NOT EXISTS {
            MATCH (e)-[:HAS_FACT]->(f:Fact), (a:Alias)-[:ALIAS_OF]->(o)
            WHERE f.attribute = r.attribute AND a.name IN coalesce(f.parts, [f.value])
          }
        CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
        """, params);
    // A value is a candidate name when short, or when it was split into parts; long texts name no entity.
    graph.autoCommit("""
        MATCH (f:Fact) WHERE f.id STARTS WITH $facts AND (f.parts IS NOT NULL OR size(f.value) <= 40)
        UNWIND coalesce(f.parts, [f.value]) AS part
        MATCH (:Alias {pack: $pack, name: part})-[:ALIAS_OF]->(o:Entity)
        MATCH (e:Entity)-[:HAS_FACT]->(f)
        WHERE o <> e
        WITH DISTINCT e, o, f.attribute AS attribute
        CALL (e, o, attribute) { MERGE (e)-[:RELATED {attribute: attribute}]->(o) } IN TRANSACTIONS OF 5000 ROWS
        """, params);
    graph.update("MATCH (p:Pack {name: $pack}) SET p.linked = true", Map.of("pack", pack));
  }
}
