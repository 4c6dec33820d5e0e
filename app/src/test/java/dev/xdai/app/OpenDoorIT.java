package dev.xdai.app;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service asked to listen on every interface: without an API key it refuses to start and says why; once
 * {@code xdai keys create} has made one, it starts and asks every request for a key.
 */
class OpenDoorIT {

  @TempDir Path data;

  @Test
  void everyInterfaceNeedsAKeyFirst() throws Exception {
    PackagedService app = new PackagedService(data);
    String[] open = {"-Dquarkus.http.port=" + app.port, "-Dquarkus.http.host=0.0.0.0", "-Dxdai.knowledge.demo-packs=false", "serve"};
    Process refused = app.command(data.resolve("refused.log"), null, open);
    assertTrue(refused.waitFor(3, TimeUnit.MINUTES), "the service should have stopped");
    assertNotEquals(0, refused.exitValue());
    String log = Files.readString(data.resolve("refused.log"));
    assertTrue(log.contains("will not listen on 0.0.0.0 without API keys") && log.contains("xdai keys create"), log);

    Process create = app.command(data.resolve("keys.log"), null, "keys", "create", "--name", "ops", "--role", "admin");
    assertTrue(create.waitFor(3, TimeUnit.MINUTES));
    String keysLog = Files.readString(data.resolve("keys.log"));
    assertEquals(0, create.exitValue(), keysLog);
    String key = keysLog.lines().filter(l -> l.startsWith("xdai-")).findFirst().orElseThrow(() -> new AssertionError(keysLog));

    Process service = app.command(data.resolve("service.log"), null, open);
    try {
      app.awaitStatus(service, "/q/health/live", 200);
      HttpResponse<String> anonymous = app.send(HttpRequest.newBuilder(URI.create(app.base + "/api/personas")).build());
      assertEquals(401, anonymous.statusCode(), anonymous.body());
      HttpResponse<String> withKey = app.send(HttpRequest.newBuilder(URI.create(app.base + "/api/personas"))
          .header("Authorization", "Bearer " + key).build());
      assertEquals(200, withKey.statusCode(), withKey.body());
      assertTrue(Files.readString(data.resolve("service.log")).contains("access control: on, 1 API key(s)"));
    } finally {
      PackagedService.stop(service);
    }
  }
}
