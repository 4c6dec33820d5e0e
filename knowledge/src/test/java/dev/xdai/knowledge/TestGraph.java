package dev.xdai.knowledge;

import dev.xdai.graph.GraphConnection;
import dev.xdai.knowledge.ingest.KnowledgeSchema;

/** The graph module's test graph with the knowledge schema in place, as the app opens it. */
public final class TestGraph {
  private static boolean schema;

  private TestGraph() {}

  public static synchronized GraphConnection get() {
    GraphConnection graph = dev.xdai.graph.testing.TestGraph.get();
    if (!schema) {
      KnowledgeSchema.ensure(graph);
      schema = true;
    }
    return graph;
  }
}
