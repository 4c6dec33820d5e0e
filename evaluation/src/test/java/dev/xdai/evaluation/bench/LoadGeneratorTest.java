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
  void sessionIdsAreReadFromIdOrSessionId() {
    assertEquals("a", LoadGenerator.sessionId("{\"id\":\"a\"}"));
    assertEquals("b", LoadGenerator.sessionId("{\"sessionId\":\"b\"}"));
    assertEquals(null, LoadGenerator.sessionId("not json"));
  }
}
