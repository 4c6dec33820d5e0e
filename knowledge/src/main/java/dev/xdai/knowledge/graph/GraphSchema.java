package dev.xdai.knowledge.graph;

import java.util.List;
import java.util.Map;

/**
 * The graph's constraints and indexes, created idempotently ({@code IF NOT EXISTS}) at every start. Knowledge nodes
 * carry their pack's name in {@code pack}; every label has a unique {@code id}. Sessions belong to the dialogue module
 * (its {@code Neo4jSessionStore} creates its own indexes too); the Session id constraint is created here as well so the
 * schema is complete whichever side starts first.
 */
public final class GraphSchema {

  /** Labels of knowledge nodes; every one has a unique {@code id} and a {@code pack} property. */
  public static final List<String> KNOWLEDGE_LABELS = List.of("Entity", "Alias", "Fact", "QA", "Description", "Source");

  static final List<String> STATEMENTS = List.of(
      "CREATE CONSTRAINT xdai_pack_name IF NOT EXISTS FOR (n:Pack) REQUIRE n.name IS UNIQUE",
      "CREATE CONSTRAINT xdai_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
      "CREATE CONSTRAINT xdai_alias_id IF NOT EXISTS FOR (n:Alias) REQUIRE n.id IS UNIQUE",
      "CREATE CONSTRAINT xdai_fact_id IF NOT EXISTS FOR (n:Fact) REQUIRE n.id IS UNIQUE",
      "CREATE CONSTRAINT xdai_qa_id IF NOT EXISTS FOR (n:QA) REQUIRE n.id IS UNIQUE",
      "CREATE CONSTRAINT xdai_description_id IF NOT EXISTS FOR (n:Description) REQUIRE n.id IS UNIQUE",
      "CREATE CONSTRAINT xdai_source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE",
      // Same name and definition as dialogue's Neo4jSessionStore.ensureSchema, so either may run first.
      "CREATE CONSTRAINT xdai_session_id IF NOT EXISTS FOR (s:Session) REQUIRE s.id IS UNIQUE",
      // Replication: the change clock (one node, merged by every change) and leases for work one replica does.
      "CREATE CONSTRAINT xdai_change_clock_id IF NOT EXISTS FOR (n:ChangeClock) REQUIRE n.id IS UNIQUE",
      "CREATE CONSTRAINT xdai_lease_name IF NOT EXISTS FOR (n:Lease) REQUIRE n.name IS UNIQUE",
      "CREATE CONSTRAINT xdai_shared_file_key IF NOT EXISTS FOR (n:SharedFile) REQUIRE n.key IS UNIQUE",
            // Per-pack scans need no index of their own: ids start with "<pack>:<kind>:", a prefix seek on the id index.
      // Names are looked up through aliases, within a pack (linking fact values) or across packs.
      "CREATE INDEX xdai_alias_pack_name IF NOT EXISTS FOR (n:Alias) ON (n.pack, n.name)",
      "CREATE INDEX xdai_alias_name IF NOT EXISTS FOR (n:Alias) ON (n.name)");

  private GraphSchema() {}

  /** Creates what is missing and waits until every index is online. */
  public static void ensure(GraphConnection graph) {
    STATEMENTS.forEach(graph::ensureSchema);
    graph.autoCommit("CALL db.awaitIndexes(300)", Map.of());
  }
}
