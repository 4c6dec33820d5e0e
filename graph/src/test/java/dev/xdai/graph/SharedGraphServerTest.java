package dev.xdai.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graph server on a fixed Bolt address, as {@code xdai graph-server} runs it for several services: clients connect
 * with the routing scheme ({@code neo4j://}, what a cluster needs), and when the server dies the watchdog brings it back
 * on the same address, so a client's next write goes through without being told anything.
 */
class SharedGraphServerTest {

  @TempDir Path dir;

  @Test
  void aRoutingClientWritesThroughAServerCrashOnAFixedAddress() throws Exception {
    int port = freePort();
    GraphServerConfig config = GraphServerConfig.local(dir.resolve("graph")).withWatchdogInterval(Duration.ofMillis(500))
        .withBolt(GraphServerConfig.Bolt.parse("127.0.0.1:" + port));
    try (GraphServerLauncher launcher = new GraphServerLauncher(config)) {
      GraphEndpoint endpoint = launcher.start();
      launcher.startWatchdog();
      assertEquals("bolt://127.0.0.1:" + port, endpoint.uri());
      assertEquals(endpoint.password(), Files.readString(launcher.passwordFile()).strip());

      GraphServerConfig routed = GraphServerConfig.external("neo4j://127.0.0.1:" + port, "neo4j", endpoint.password());
      try (GraphConnection client = GraphConnection.open(routed)) {
        client.update("CREATE (:RoutingProbe {n: 1})", Map.of());
        long pid = launcher.process().orElseThrow().pid();
        launcher.process().orElseThrow().destroyForcibly();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!(launcher.state().running() && launcher.state().pid() != pid) && System.nanoTime() < deadline) Thread.sleep(200);
        assertNotEquals(pid, launcher.state().pid(), "the watchdog did not restart the server");
        // the driver's pooled connections died with the old process: the write is retried on a new one
        client.update("CREATE (:RoutingProbe {n: 2})", Map.of());
        assertEquals(2L, client.query("MATCH (p:RoutingProbe) RETURN count(p) AS n", Map.of()).get(0).get("n").asLong());
        assertEquals("bolt://127.0.0.1:" + port, launcher.state().endpoint().orElseThrow().uri());
      }
    }
  }

  @Test
  void aBoltAddressIsHostAndPort() {
    GraphServerConfig.Bolt any = GraphServerConfig.Bolt.parse("0.0.0.0:0");
    assertEquals("0.0.0.0", any.host());
    assertEquals(0, any.port());
    assertEquals("[::1]:7687", GraphServerConfig.Bolt.parse("[::1]:7687").option(7687));
    assertTrue(GraphServerConfig.Bolt.parse("db:7687").withAdvertise("graph.internal").advertise().isPresent());
    for (String bad : new String[] {"7687", ":7687", "host:port", "host:70000"}) {
      assertThrows(IllegalArgumentException.class, () -> GraphServerConfig.Bolt.parse(bad), bad);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
