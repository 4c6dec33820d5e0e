package dev.xdai.generation.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on a free local port that answers like an OpenAI-compatible API, as each test scripts it (or as
 * {@link OpenAiEngineDouble} answers, like an inference engine). Shared with other modules' tests (test-jar).
 */
public final class FakeOpenAiServer implements AutoCloseable {

  /** Answers one request; {@code hit} counts from 1. */
  @FunctionalInterface
  public interface Behaviour {
    void answer(HttpExchange exchange, JsonNode request, int hit) throws Exception;
  }

  final AtomicInteger hits = new AtomicInteger();
  final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  final List<String> paths = new CopyOnWriteArrayList<>();
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  volatile Behaviour behaviour;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  public FakeOpenAiServer(Behaviour behaviour) throws IOException {
    this.behaviour = behaviour;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext("/", ex -> {
      try (ex) {
        JsonNode request = new ObjectMapper().readTree(ex.getRequestBody().readAllBytes());
        requests.add(request);
        paths.add(ex.getRequestURI().getPath());
        authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
        this.behaviour.answer(ex, request, hits.incrementAndGet());
      } catch (Exception e) {
        // a client that gave up closes the connection under a sleeping handler: nothing to do
      }
    });
    server.start();
  }

  /** The base URL as OpenAI clients take it, up to and including {@code /v1}. */
  public URI baseUrl() { return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1"); }

  static void json(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  /** Sends each payload as an event, pausing between them, then {@code [DONE]}. */
  static void sse(HttpExchange ex, List<String> payloads, long pauseMillis) throws Exception {
    ex.getResponseHeaders().set("Content-Type", "text/event-stream");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    for (String p : payloads) {
      out.write(("data: " + p + "\n\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      if (pauseMillis > 0) Thread.sleep(pauseMillis);
    }
    out.write(": done\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
  }

  static String textChunk(String text) {
    return "{\"choices\":[{\"index\":0,\"text\":" + quote(text) + ",\"finish_reason\":null}]}";
  }

  static String deltaChunk(String text) {
    return "{\"choices\":[{\"index\":0,\"delta\":{\"content\":" + quote(text) + "},\"finish_reason\":null}]}";
  }

  static String quote(String s) {
    try {
      return new ObjectMapper().writeValueAsString(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
