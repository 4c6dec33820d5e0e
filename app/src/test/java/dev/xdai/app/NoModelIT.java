package dev.xdai.app;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service started without a usable model (its directory does not exist): it still starts, says why it is
 * not ready, keeps sessions, and answers turns with 503 and the reason, storing nothing half-done. (A process of its
 * own: a second in-JVM Quarkus could not load DJL's native libraries again.)
 */
class NoModelIT {

  @TempDir Path data;

  @Test
  void turnsAre503WithTheReasonAndTheSessionLosesNothing() throws Exception {
    PackagedService app = new PackagedService(data);
    Process service = app.serve("-Dxdai.model.path=" + data.resolve("no-model-here"), "-Dxdai.knowledge.demo-packs=false");
    try {
      app.awaitStatus(service, "/q/health/live", 200);
      app.awaitStatus(service, "/q/health/ready", 503);
      HttpResponse<String> ready = app.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.base + "/q/health/ready")).build());
      assertTrue(ready.body().contains("no-model-here"), ready.body());

      String id = app.post("/api/sessions", "{\"bot\":\"xiaodai\"}", 201).get("id").asText();
      for (String accept : new String[] {"application/json", "text/event-stream"}) {
        HttpResponse<String> turn = app.post("/api/sessions/" + id + "/turns", "{\"text\":\"你好\"}", accept);
        assertEquals(503, turn.statusCode(), accept + ": " + turn.body());
        assertTrue(turn.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), accept);
        assertTrue(turn.body().contains("no language model is available"), turn.body());
      }
      assertEquals(0, app.get("/api/sessions/" + id).get("turns").size());
    } finally {
      PackagedService.stop(service);
    }
  }
}
