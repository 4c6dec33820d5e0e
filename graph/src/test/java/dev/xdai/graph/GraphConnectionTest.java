package dev.xdai.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.graph.testing.TestGraph;
import java.util.List;
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
  void anExternalUriStartsNothingAndWrongCredentialsFail() {
    GraphConnection launched = TestGraph.get();
    GraphServerConfig external = GraphServerConfig.external(launched.endpoint().uri(), "neo4j", launched.endpoint().password());
    try (GraphConnection graph = GraphConnection.open(external)) {
      assertTrue(graph.launcher().isEmpty());
      assertEquals(GraphHealth.Status.UP, graph.health().status());
      assertEquals("external Neo4j", graph.health().detail());
      assertEquals(2L, graph.query("RETURN 1 + 1 AS two", Map.of()).get(0).get("two").asLong());
    }
    assertTrue(launched.launcher().orElseThrow().state().running()); // closing the external one left the server alone
    GraphServerConfig wrong = GraphServerConfig.external(launched.endpoint().uri(), "neo4j", "not-the-password");
    assertThrows(RuntimeException.class, () -> GraphConnection.open(wrong).close());
    assertThrows(IllegalArgumentException.class, () -> GraphServerConfig.external("http://127.0.0.1:7474", "neo4j", "x"));
  }

  // A session journal closed after the driver found it gone and left its last turns for the next start.
  @Test
  void whatIsRegisteredBeforeCloseIsClosedFirstWhileTheGraphStillAnswers() {
    GraphConnection launched = TestGraph.get();
    GraphServerConfig external = GraphServerConfig.external(launched.endpoint().uri(), "neo4j", launched.endpoint().password());
    java.util.List<String> order = new java.util.ArrayList<>();
    GraphConnection graph = GraphConnection.open(external);
    graph.beforeClose(() -> order.add("first registered: " + graph.query("RETURN 1 AS one", Map.of()).get(0).get("one")));
    graph.beforeClose(() -> order.add("last registered: " + graph.query("RETURN 2 AS two", Map.of()).get(0).get("two")));
    graph.close();
    assertEquals(java.util.List.of("last registered: 2", "first registered: 1"), order);
    assertThrows(RuntimeException.class, () -> graph.query("RETURN 1", Map.of()));
  }

  @Test
  void aSecondLauncherOnADataDirectoryInUseRefusesAndSaysHowToShareIt() {
    GraphConnection graph = TestGraph.get();
    GraphServerConfig same = graph.launcher().orElseThrow().config();
    try (GraphServerLauncher second = new GraphServerLauncher(same)) {
      var e = assertThrows(GraphServerLauncher.GraphServerException.class, second::start);
      assertTrue(e.getMessage().contains("in use") && e.getMessage().contains(graph.endpoint().uri()), e.getMessage());
    }
    assertEquals(GraphHealth.Status.UP, graph.health().status());
  }

  @Test
  void schemaIsInPlace() {
    GraphConnection graph = TestGraph.get();
    var names = graph.query("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names", Map.of()).get(0).get("names")
        .asList(v -> v.asString());
    assertTrue(names.containsAll(List.of("xdai_change_clock_id", "xdai_lease_name", "xdai_shared_file_key")),
        names.toString());
  }

  @Test
  void aSchemaRuleAnotherServiceCreatedFirstIsNotAnError() {
    GraphConnection graph = TestGraph.get();
    // Without IF NOT EXISTS the second creation fails as replicas racing on IF NOT EXISTS do: an equivalent rule exists.
    String create = "CREATE INDEX xdai_test_race FOR (n:RaceTest) ON (n.key)";
    try {
      graph.ensureSchema(create);
      graph.ensureSchema(create);
      assertEquals(1, graph.query("SHOW INDEXES YIELD name WHERE name = 'xdai_test_race' RETURN name", java.util.Map.of()).size());
      assertThrows(org.neo4j.driver.exceptions.ClientException.class, () -> graph.ensureSchema("CREATE INDEX bad syntax here"));
    } finally {
      graph.autoCommit("DROP INDEX xdai_test_race IF EXISTS", java.util.Map.of());
    }
  }
}
