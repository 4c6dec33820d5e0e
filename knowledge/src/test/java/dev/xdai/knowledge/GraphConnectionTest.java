package dev.xdai.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.knowledge.graph.GraphConnection;
import dev.xdai.knowledge.graph.GraphHealth;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphConnectionTest {

  @Test
  void launchedServerAnswersWithAuthenticationOnLoopback() {
    GraphConnection graph = TestGraph.get();
    assertTrue(graph.endpoint().uri().startsWith("bolt://127.0.0.1:"), graph.endpoint().uri());
    assertEquals(48, graph.endpoint().password().length());
    assertEquals(1L, graph.query("RETURN 1 AS one", Map.of()).get(0).get("one").asLong());
    GraphHealth health = graph.health();
    assertEquals(GraphHealth.Status.UP, health.status(), health.detail());
  }

  @Test
  void schemaIsInPlace() {
    GraphConnection graph = TestGraph.get();
    var names = graph.query("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names", Map.of()).get(0).get("names")
        .asList(v -> v.asString());
    assertTrue(names.contains("xdai_entity_id"), names.toString());
    assertTrue(names.contains("xdai_session_id"), names.toString());
    assertNotEquals(0, names.size());
  }
}
