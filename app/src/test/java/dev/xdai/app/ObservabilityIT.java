package dev.xdai.app;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tracing and JSON request logs, turned on the way an operator would (docs/observability.md), on the packaged service:
 * the spans arrive over real OTLP/HTTP at a collector this test runs, and the log lines are JSON.
 */
class ObservabilityIT {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  @TempDir Path data;

  @Test
  void requestsAreSpansWithTheTurnsStepsInsideAndLogsAreJson() throws Exception {
    List<Span> spans = new CopyOnWriteArrayList<>();
    List<Throwable> unread = new CopyOnWriteArrayList<>();
    HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext("/v1/traces", exchange -> {
      try (exchange) {
        try {
          for (ResourceSpans r : ExportTraceServiceRequest.parseFrom(exchange.getRequestBody().readAllBytes()).getResourceSpansList())
            for (ScopeSpans s : r.getScopeSpansList()) spans.addAll(s.getSpansList());
        } catch (Exception | LinkageError e) {
          unread.add(e);
        }
        exchange.sendResponseHeaders(200, -1);
      }
    });
    collector.start();
    PackagedService app = new PackagedService(data);
    Process service = app.serve(Map.of(
        "QUARKUS_OTEL_SDK_DISABLED", "false",
        "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort(),
        "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
        "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms",
        "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true",
        "QUARKUS_HTTP_ACCESS_LOG_ENABLED", "true"), "-Dxdai.knowledge.demo-packs=false");
    try {
      app.awaitReady(service);
      String id = app.post("/api/sessions", "{\"bot\":\"xiaodai\"}", 201).get("id").asText();
      HttpResponse<String> turn = app.send(HttpRequest.newBuilder(URI.create(app.base + "/api/sessions/" + id + "/turns"))
          .header("Content-Type", "application/json").header("traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01")
          .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"你好\"}")).build());
      assertEquals(200, turn.statusCode(), turn.body());

      Span request = await(spans, unread, s -> s.getKind() == Span.SpanKind.SPAN_KIND_SERVER && s.getName().contains("/turns"));
      assertEquals("POST /api/sessions/{id}/turns", request.getName());
      assertEquals(TRACE, hex(request.getTraceId().toByteArray()), "the request joins the caller's trace");
      Span turnSpan = await(spans, unread, s -> s.getName().equals("xdai.turn"));
      assertEquals(hex(request.getSpanId().toByteArray()), hex(turnSpan.getParentSpanId().toByteArray()),
          "the turn is a child of its HTTP request");
      Span generate = await(spans, unread, s -> s.getName().startsWith("xdai.turn.knowledge"));
      assertEquals(hex(turnSpan.getSpanId().toByteArray()), hex(generate.getParentSpanId().toByteArray()));
      assertTrue(generate.getStartTimeUnixNano() >= turnSpan.getStartTimeUnixNano()
          && generate.getEndTimeUnixNano() <= turnSpan.getEndTimeUnixNano(), "a step lies inside its turn");

      // SIGTERM: an orderly stop that still reaches the graph (it used to race the graph server's own stop and wait
      // out the driver's retries before giving up).
      Duration stopping = PackagedService.stopTimed(service);
      assertTrue(stopping.compareTo(Duration.ofSeconds(30)) < 0, "took " + stopping + " to stop");
      assertFalse(Files.readString(data.resolve("service.log")).contains("session-writer registration"),
          "the service's writer registration was not removed at stop");
    } finally {
      PackagedService.stop(service);
      collector.stop(0);
    }

    // Every console line is a JSON object; the access log's line for the turn is one of them.
    List<JsonNode> lines = Files.readAllLines(data.resolve("service.log")).stream().filter(l -> l.startsWith("{"))
        .map(ObservabilityIT::json).toList();
    assertFalse(lines.isEmpty(), Files.readString(data.resolve("service.log")));
    assertTrue(lines.stream().anyMatch(l -> l.path("loggerName").asText().contains("access")
            && l.path("message").asText().contains("POST /api/sessions/")), "no JSON access-log line for the turn");
  }

  private static Span await(List<Span> spans, List<Throwable> unread, Predicate<Span> which) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      for (Span s : spans) if (which.test(s)) return s;
      Thread.sleep(100);
    }
    return fail("no such span among " + spans.stream().map(Span::getName).toList() + "; unread: " + unread);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static JsonNode json(String line) {
    try {
      return PackagedService.JSON.readTree(line);
    } catch (Exception e) {
      return fail("not a JSON log line: " + line);
    }
  }
}
