package dev.xdai.graph;

import static org.junit.jupiter.api.Assertions.*;

import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The waits of {@link GraphConnection} without a graph: the rest is in {@link GraphConnectionTest}. */
class GraphConnectionRetryTest {

  @Test
  void waitingForAnUnreachableGraphTriesUntilTheTimeoutAndSaysWhy() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort(); // nothing listens there once closed
    }
    try (GraphConnection graph = new GraphConnection(null, new GraphEndpoint("bolt://127.0.0.1:" + port, "neo4j", "secret"))) {
      long start = System.nanoTime();
      var e = assertThrows(IllegalStateException.class, () -> graph.awaitConnectivity(Duration.ofSeconds(1)));
      long waited = (System.nanoTime() - start) / 1_000_000;
      assertTrue(e.getMessage().startsWith("graph at bolt://127.0.0.1:" + port + " not reachable within PT1S: "), e.getMessage());
      assertTrue(waited >= 500 && waited < 5_000, "gave up after " + waited + " ms");
    }
  }
}
