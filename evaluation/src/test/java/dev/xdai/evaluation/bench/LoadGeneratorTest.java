package dev.xdai.evaluation.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import dev.xdai.evaluation.cli.ClientKey;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the generator for one second against a stub service on loopback. */
class LoadGeneratorTest {

  private HttpServer server;
  private final AtomicInteger created = new AtomicInteger();
  private final AtomicInteger turns = new AtomicInteger();
  private final java.util.Set<String> authorizations = java.util.concurrent.ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/sessions", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    ex.getRequestBody().readAllBytes();
    authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
    String path = ex.getRequestURI().getPath();
    String body;
    int status = 200;
    if (path.equals("/api/sessions")) {
      body = "{\"id\":\"s" + created.incrementAndGet() + "\"}";
    } else if (path.matches("/api/sessions/s\\d+/turns")) {
      turns.incrementAndGet();
      body = "{\"reply\":\"好的\"}";
    } else {
      status = 404;
      body = "{}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  @Test
  void concurrentSessionsSendTurnsUntilTheDurationIsOver() throws Exception {
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    LoadGenerator.Result r = new LoadGenerator(HttpClient.newHttpClient(), ClientKey.of("xdai-k1")).run(
        new LoadGenerator.Settings(base, 2, Duration.ofSeconds(1), Duration.ofSeconds(5), null, List.of("你好", "再见")));
    assertEquals(2, r.sessions());
    assertEquals(2, created.get());
    assertEquals(0, r.errors(), String.valueOf(r.errorSamples()));
    assertTrue(r.turns() > 0);
    assertEquals(turns.get(), r.turns());
    assertEquals(r.turns(), r.turnNanos().length);
    assertEquals(java.util.Set.of("Bearer xdai-k1"), authorizations, "every request carries the key");
  }

  @Test
  void usersAbandonSessionsAfterTheirTurnsUntilTheSessionLimit() throws Exception {
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    LoadGenerator load = new LoadGenerator(HttpClient.newHttpClient(), ClientKey.of("xdai-k1"));
    LoadGenerator.Result r = load.run(new LoadGenerator.Settings(base, 3, Duration.ofSeconds(30), Duration.ofSeconds(5), null,
        List.of("你好"), 3, 20));
    assertEquals(20, r.sessions());
    assertEquals(20, created.get());
    assertEquals(60, r.turns(), "three turns in each of the twenty sessions, then the run ends by itself");
    assertEquals(60, load.turnsSoFar());
    assertTrue(r.seconds() < 30, "the run ended when the sessions were used up, not at the duration");
  }

  @Test
  void memoryFiguresAreReadFromPrometheusText() {
    String text = """
        # TYPE jvm_memory_used_bytes gauge
        jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1048576.0
        jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2097152.0
        jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.0E9
        xdai_sessions_in_memory{kind="locks"} 12.0
        xdai_sessions_in_memory{kind="conversations"} 40.0
        """;
    assertEquals(3 * 1048576.0, MemorySampler.sum(text, "jvm_memory_used_bytes", "area=\"heap\"").orElseThrow());
    assertEquals(40.0, MemorySampler.max(text, "xdai_sessions_in_memory").orElseThrow());
    assertTrue(MemorySampler.sum(text, "jvm_gc_live_data_size_bytes", "").isEmpty());
  }

  @Test
  void sessionIdsAreReadFromIdOrSessionId() {
    assertEquals("a", LoadGenerator.sessionId("{\"id\":\"a\"}"));
    assertEquals("b", LoadGenerator.sessionId("{\"sessionId\":\"b\"}"));
    assertEquals(null, LoadGenerator.sessionId("not json"));
  }
}
