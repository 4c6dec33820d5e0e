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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions survive a restart of the service: the packaged service (with the graph server it starts) is run, a
 * conversation is held over HTTP, the service is stopped, started again on the same data, and the conversation is
 * still there and goes on. While it runs, {@code xdai import} and {@code xdai chat} from other processes go through the
 * service.
 */
class RestartDurabilityIT {

  static final ObjectMapper JSON = new ObjectMapper();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path data;

  @Test
  void aConversationSurvivesARestart() throws Exception {
    int port = freePort();
    String base = "http://127.0.0.1:" + port;
    String id;
    String firstReply;
    Process service = start(port);
    try {
      awaitReady(base, service);
      id = post(base + "/api/sessions", "{\"bot\":\"student\"}", 201).get("id").asText();
      firstReply = post(base + "/api/sessions/" + id + "/turns", "{\"text\":\"你好，你是哪个学校的？\"}", 200).get("reply").asText();
      assertFalse(firstReply.isBlank());
      importWhileServing(base);
      chatWhileServing();
    } finally {
      stop(service);
    }
    service = start(port);
    try {
      awaitReady(base, service);
      JsonNode session = get(base + "/api/sessions/" + id);
      assertEquals("student", session.get("bot").asText());
      assertEquals(1, session.get("turns").size());
      assertEquals(firstReply, session.get("turns").get(0).get("reply").asText());
      JsonNode second = post(base + "/api/sessions/" + id + "/turns", "{\"text\":\"图书馆几点开门？\"}", 200);
      assertEquals(1, second.get("index").asInt());
      assertEquals(2, get(base + "/api/sessions/" + id).get("turns").size());
    } finally {
      stop(service);
    }
  }

  /** The service owns the graph server and the index: a second process's import must go through its admin API. */
  private void importWhileServing(String base) throws Exception {
    Path csv = data.resolve("clinic-extra.csv");
    Files.writeString(csv, "entity,attribute,value\n星光诊所,停车场,地下二层有四十个车位\n");
    Path log = data.resolve("import.log");
    Process p = command(log, "import", "--pack", "it-extra", "--format", "triples", csv.toString());
    assertTrue(p.waitFor(3, TimeUnit.MINUTES), "import did not finish");
    String output = Files.readString(log);
    assertEquals(0, p.exitValue(), output);
    assertTrue(output.contains("importing through its admin API"), output);
    JsonNode pack = get(base + "/api/admin/packs/it-extra");
    assertEquals(1, pack.get("facts").asLong(), pack.toString());
  }

  /** A terminal chat started next to the service talks to it over HTTP (and streams its replies). */
  private void chatWhileServing() throws Exception {
    Path input = data.resolve("chat-input.txt");
    Files.writeString(input, "图书馆几点开门？\n/quit\n");
    Path log = data.resolve("chat.log");
    Process p = command(log, input, "chat", "--bot", "student");
    assertTrue(p.waitFor(3, TimeUnit.MINUTES), "chat did not finish");
    String output = Files.readString(log);
    assertEquals(0, p.exitValue(), output);
    assertTrue(output.contains("(through the service running at"), output);
    assertTrue(output.contains("你：") && output.contains("(session "), output);
  }

  private Process start(int port) throws IOException {
    return command(data.resolve("service.log"), "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1", "serve");
  }

  /** Runs the packaged jar on this test's data: JVM options (starting with -D) first, then the command line. */
  private Process command(Path log, String... args) throws IOException {
    return command(log, null, args);
  }

  private Process command(Path log, Path stdin, String... args) throws IOException {
    Path root = Path.of(System.getProperty("xdai.project.root"));
    Path jar = root.resolve("app/target/quarkus-app/quarkus-run.jar");
    assertTrue(Files.exists(jar), "the packaged service is missing: " + jar);
    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(ProcessHandle.current().info().command().orElse("java"),
        "--enable-native-access=ALL-UNNAMED", "-Xmx2g", "-Dxdai.project.root=" + root, "-Dxdai.data-dir=" + data));
    int i = 0;
    for (; i < args.length && args[i].startsWith("-D"); i++) cmd.add(args[i]);
    cmd.add("-jar");
    cmd.add(jar.toString());
    for (; i < args.length; i++) cmd.add(args[i]);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    if (stdin != null) pb.redirectInput(stdin.toFile());
    return pb.start();
  }

  private void awaitReady(String base, Process service) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (System.nanoTime() < deadline) {
      if (!service.isAlive()) fail("the service exited: " + Files.readString(data.resolve("service.log")));
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) return;
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(500);
    }
    fail("the service did not become ready: " + Files.readString(data.resolve("service.log")));
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroy(); // SIGTERM: Quarkus shuts down and stops its graph server
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private JsonNode post(String url, String body, int expected) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(expected, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  private JsonNode get(String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
