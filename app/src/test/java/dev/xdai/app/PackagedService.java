package dev.xdai.app;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service (app/target/quarkus-app) run as its own process on a test's data directory, with plain HTTP to
 * talk to it: what the integration tests use instead of an in-JVM Quarkus.
 */
final class PackagedService {

  static final ObjectMapper JSON = new ObjectMapper();

  final Path data;
  final int port = freePort();
  final String base = "http://127.0.0.1:" + port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  PackagedService(Path data) {
    this.data = data;
  }

  /** Starts {@code serve} with extra JVM options (each {@code -D...}); its output goes to {@code service.log}. */
  Process serve(String... options) throws IOException {
    return serve(Map.of(), options);
  }

  /** Starts {@code serve} with environment variables ({@code XDAI_...}) and extra JVM options. */
  Process serve(Map<String, String> environment, String... options) throws IOException {
    List<String> args = new ArrayList<>(List.of(options));
    args.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1", "serve"));
    ProcessBuilder pb = processBuilder(args.toArray(String[]::new)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("service.log").toFile()));
    pb.environment().putAll(environment);
    return pb.start();
  }

  /** Runs the jar on this data: JVM options (starting with -D) first, then the command line; stdin from a file or none. */
  Process command(Path log, Path stdin, String... args) throws IOException {
    ProcessBuilder pb = processBuilder(args).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    if (stdin != null) pb.redirectInput(stdin.toFile());
    return pb.start();
  }

  /** Runs the jar with stdout and stderr kept apart, for commands whose stdout is a protocol. */
  Process commandWithOutput(Path stdout, Path stderr, String... args) throws IOException {
    return processBuilder(args).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
  }

  private ProcessBuilder processBuilder(String... args) {
    Path root = Path.of(System.getProperty("xdai-project.root"));
    Path jar = root.resolve("app/target/quarkus-app/quarkus-run.jar");
    assertTrue(Files.exists(jar), "the packaged service is missing: " + jar);
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "--enable-native-access=ALL-UNNAMED", "-Xmx2g", "-Dxdai-project.root=" + root, "-Dxdai.data-dir=" + data));
    int i = 0;
    for (; i < args.length && args[i].startsWith("-D"); i++) cmd.add(args[i]);
    cmd.add("-jar");
    cmd.add(jar.toString());
    for (; i < args.length; i++) cmd.add(args[i]);
    return new ProcessBuilder(cmd);
  }

  /** Waits until {@code path} answers {@code status} (readiness is 200 with a model, 503 without one). */
  void awaitStatus(Process service, String path, int status) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (System.nanoTime() < deadline) {
      if (!service.isAlive()) fail("the service exited: " + Files.readString(data.resolve("service.log")));
      try {
        if (send(HttpRequest.newBuilder(URI.create(base + path)).build()).statusCode() == status) return;
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(500);
    }
    fail("the service did not answer " + status + " on " + path + ": " + Files.readString(data.resolve("service.log")));
  }

  void awaitReady(Process service) throws Exception {
    awaitStatus(service, "/q/health/ready", 200);
  }

  /** Stops the service with SIGTERM, as an orchestrator does, and says how long it took to exit. */
  static Duration stopTimed(Process p) throws InterruptedException {
    long start = System.nanoTime();
    stop(p);
    return Duration.ofNanos(System.nanoTime() - start);
  }

  static void stop(Process p) throws InterruptedException {
    p.destroy(); // SIGTERM: Quarkus shuts down and stops its graph server
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String json, String accept) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .header("Accept", accept).POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  JsonNode post(String path, String json, int expected) throws Exception {
    HttpResponse<String> r = post(path, json, "application/json");
    assertEquals(expected, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  JsonNode get(String path) throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json").build());
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
