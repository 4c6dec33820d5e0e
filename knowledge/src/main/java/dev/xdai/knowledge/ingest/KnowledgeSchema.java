package dev.xdai.knowledge.ingest;

import dev.xdai.graph.GraphConnection;
import java.util.List;

/**
 * The knowledge graph's constraints and indexes, created idempotently ({@code IF NOT EXISTS}) at every start, after the
 * connection is open. Knowledge nodes carry their pack's name in {@code pack}; every label has a unique {@code id}.
 */
public final class KnowledgeSchema {

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
      // Per-pack scans need no index of their own: ids start with "<pack>:<kind>:", a prefix seek on the id index.
      // Names are looked up through aliases, within a pack (linking fact values) or across packs.
      "CREATE INDEX xdai_alias_pack_name IF NOT EXISTS FOR (n:Alias) ON (n.pack, n.name)",
      "CREATE INDEX xdai_alias_name IF NOT EXISTS FOR (n:Alias) ON (n.name)");

  private KnowledgeSchema() {}

  /** Creates what is missing and waits until every index is online. */
  public static void ensure(GraphConnection graph) {
    graph.ensureSchema(STATEMENTS);
  }
}
