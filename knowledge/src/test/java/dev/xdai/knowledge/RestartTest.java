package dev.xdai.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.graph.GraphConnection;
import dev.xdai.graph.GraphHealth;
import dev.xdai.graph.GraphServerLauncher;
import dev.xdai.knowledge.ingest.ImportFormat;
import dev.xdai.knowledge.ingest.KnowledgeImporter;
import dev.xdai.knowledge.ingest.Packs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The graph server dies or restarts while the connection is in use: the watchdog notices, health says DEGRADED with a
 * reason, the server comes back on the same port with the same data, and reads and writes go on.
 */
class RestartTest {

  @AfterAll
  static void cleanUp() {
    new Packs(TestGraph.get(), null).delete("t-restart");
    new Packs(TestGraph.get(), null).delete("t-restart-clean");
  }

  private static long count(GraphConnection graph) {
    return count(graph, "t-restart");
  }

  private static long count(GraphConnection graph, String pack) {
    return graph.query("MATCH (f:Fact) WHERE f.id STARTS WITH $prefix RETURN count(f) AS n", Map.of("prefix", pack + ":f:")).get(0).get("n").asLong();
  }

  @Test
  void aCrashedServerIsRestartedByTheWatchdogAndQueriesRecover() throws Exception {
    GraphConnection graph = TestGraph.get();
    GraphServerLauncher launcher = graph.launcher().orElseThrow();
    new KnowledgeImporter(graph, null).importStream("t-restart", "before-crash", ImportFormat.TRIPLES, null,
        new ByteArrayInputStream("甲,导演,乙\n".getBytes(StandardCharsets.UTF_8)));
    String uri = graph.endpoint().uri();
    long pid = launcher.process().orElseThrow().pid();
    int restarts = launcher.state().restarts();

    // a reader keeps querying through the crash
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger reads = new AtomicInteger();
    AtomicReference<Throwable> readerFailure = new AtomicReference<>();
    Thread reader = new Thread(() -> {
      while (!stop.get()) {
        try {
          assertEquals(1L, count(graph));
          reads.incrementAndGet();
        } catch (Throwable t) {
          readerFailure.set(t);
          return;
        }
      }
    });
    reader.start();

    launcher.process().orElseThrow().destroyForcibly(); // kill -9: no clean shutdown
    GraphHealth degraded = awaitHealth(graph, GraphHealth.Status.DEGRADED, Duration.ofSeconds(30));
    assertFalse(degraded.detail().isBlank()); // "exited unexpectedly ..." or, in the first instant, "cannot reach ..."

    GraphHealth up = awaitHealth(graph, GraphHealth.Status.UP, Duration.ofMinutes(3));
    assertTrue(up.detail().contains("restarted"), up.detail());
    assertNotEquals(pid, launcher.process().orElseThrow().pid());
    assertEquals(uri, graph.endpoint().uri()); // same port: the driver reconnected by itself
    assertEquals(restarts + 1, launcher.state().restarts());

    int readsAfterRestart = reads.get();
    Instant until = Instant.now().plusSeconds(60);
    while (reads.get() == readsAfterRestart && readerFailure.get() == null && Instant.now().isBefore(until)) Thread.sleep(100);
    stop.set(true);
    reader.join(120_000);
    if (readerFailure.get() != null) throw new AssertionError("reader failed during the restart", readerFailure.get());
    assertTrue(reads.get() > readsAfterRestart);

    // the data survived a kill -9 (Neo4j recovers from its transaction log) and writes work again
    assertEquals(1L, count(graph));
    new KnowledgeImporter(graph, null).importStream("t-restart", "after-crash", ImportFormat.TRIPLES, null,
        new ByteArrayInputStream("丙,导演,丁\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals(2L, count(graph));
  }

  @Test
  void aCleanRestartKeepsThePortAndTheData() {
    GraphConnection graph = TestGraph.get();
    GraphServerLauncher launcher = graph.launcher().orElseThrow();
    String uri = graph.endpoint().uri();
    new KnowledgeImporter(graph, null).importStream("t-restart-clean", "clean", ImportFormat.TRIPLES, null,
        new ByteArrayInputStream("戊,导演,己\n".getBytes(StandardCharsets.UTF_8)));
    long before = count(graph, "t-restart-clean");
    launcher.restart();
    assertEquals(uri, graph.endpoint().uri());
    assertEquals(before, count(graph, "t-restart-clean"));
    assertEquals(GraphHealth.Status.UP, graph.health().status());
  }

  private static GraphHealth awaitHealth(GraphConnection graph, GraphHealth.Status wanted, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    GraphHealth health = graph.health();
    while (health.status() != wanted && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      health = graph.health();
    }
    assertEquals(wanted, health.status(), health.detail());
    return health;
  }
}
