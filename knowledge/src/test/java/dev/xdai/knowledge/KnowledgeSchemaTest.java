package dev.xdai.knowledge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.graph.GraphConnection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnowledgeSchemaTest {

  @Test
  void constraintsAndIndexesAreInPlace() {
    GraphConnection graph = TestGraph.get();
    List<String> constraints = names(graph, "SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names");
    assertTrue(constraints.containsAll(List.of("xdai_pack_name", "xdai_entity_id", "xdai_source_id")), constraints.toString());
    List<String> indexes = names(graph, "SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN collect(name) AS names");
    assertTrue(indexes.containsAll(List.of("xdai_alias_pack_name", "xdai_alias_name")), indexes.toString());
  }

  private static List<String> names(GraphConnection graph, String cypher) {
    return graph.query(cypher, Map.of()).get(0).get("names").asList(v -> v.asString());
  }
}
