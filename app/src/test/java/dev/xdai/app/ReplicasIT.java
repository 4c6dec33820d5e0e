package dev.xdai.app;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas over one standalone graph server, all real processes: {@code xdai graph-server}, and two {@code xdai
 * serve} with their own data directories, configured as docs/replication.md says (XDAI_GRAPH_URI with the routing
 * scheme, XDAI_GRAPH_PASSWORD, their own XDAI_DATA_DIR). One session's turns alternate between them; concurrent turns on
 * one session store one and refuse the other before acknowledging it; a pack imported and a persona created through one
 * are used by the other within the change feed's delay; a replica killed under load has every turn it acknowledged in
 * the graph. Demo packs and the response bank are off, so the replicas start quickly.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

  /** The change feed's interval; a change must reach the other replica within it plus the time to index it. */
  static final Duration SYNC_INTERVAL = Duration.ofSeconds(1);
  static final Duration PROPAGATION_BOUND = SYNC_INTERVAL.plusSeconds(20);

  @TempDir static Path root;
  static Process graphServer;
  static PackagedService a;
  static PackagedService b;
  static Process replicaA;
  static Process replicaB;

  @BeforeAll
  static void start() throws Exception {
    PackagedService tool = new PackagedService(Files.createDirectories(root.resolve("tool")));
    Path out = root.resolve("graph-server.out");
    graphServer = tool.commandWithOutput(out, root.resolve("graph-server.err"), "graph-server", "--data",
        root.resolve("graph").toString(), "--bolt", "127.0.0.1:0");
    List<String> lines = awaitTwoLines(out);
    assertTrue(lines.get(0).startsWith("uri=bolt://127.0.0.1:"), lines.toString());
    assertTrue(lines.get(1).startsWith("password-file="), lines.toString());
    String port = lines.get(0).substring(lines.get(0).lastIndexOf(':') + 1);
    String password = Files.readString(Path.of(lines.get(1).substring("password-file=".length()))).strip();

    a = new PackagedService(Files.createDirectories(root.resolve("replica-a")));
    b = new PackagedService(Files.createDirectories(root.resolve("replica-b")));
    replicaA = a.serve(environment(a, port, password));
    replicaB = b.serve(environment(b, port, password));
    a.awaitReady(replicaA);
    b.awaitReady(replicaB);
  }

  /** What an operator sets per replica (docs/replication.md), the routing scheme included. */
  private static Map<String, String> environment(PackagedService replica, String port, String password) {
    return Map.of("XDAI_GRAPH_URI", "neo4j://127.0.0.1:" + port, "XDAI_GRAPH_PASSWORD", password,
        "XDAI_DATA_DIR", replica.data.toString(), "XDAI_KNOWLEDGE_SYNC_INTERVAL", SYNC_INTERVAL.toMillis() + "ms",
        "XDAI_KNOWLEDGE_DEMO_PACKS", "false", "XDAI_BANK_ENABLED", "false");
  }

  private static List<String> awaitTwoLines(Path out) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      if (!graphServer.isAlive()) fail("the graph server exited: " + Files.readString(root.resolve("graph-server.err")));
      List<String> lines = Files.readAllLines(out);
      if (lines.size() >= 2) {
        Thread.sleep(500);
        assertEquals(2, Files.readAllLines(out).size(), "stdout holds the two lines and nothing else");
        return lines;
      }
      Thread.sleep(200);
    }
    return fail("the graph server printed no uri and password-file: " + Files.readString(root.resolve("graph-server.err")));
  }

  @AfterAll
  static void stop() throws Exception {
    for (Process p : new Process[] {replicaA, replicaB}) if (p != null) PackagedService.stop(p);
    if (graphServer != null) {
      graphServer.destroy(); // SIGTERM: stopped cleanly
      assertTrue(graphServer.waitFor(60, TimeUnit.SECONDS), "the graph server did not stop on SIGTERM");
    }
  }

  private static String session(PackagedService replica, String bot) throws Exception {
    return replica.post("/api/sessions", "{\"bot\":\"" + bot + "\"}", 201).get("id").asText();
  }

  private static HttpResponse<String> turn(PackagedService replica, String session, String text) throws Exception {
    return replica.post("/api/sessions/" + session + "/turns", PackagedService.JSON.writeValueAsString(Map.of("text", text)),
        "application/json");
  }

  private static JsonNode turns(PackagedService replica, String session) throws Exception {
    return replica.get("/api/sessions/" + session).get("turns");
  }

  @Test
  @Order(1)
  void aSessionsTurnsAlternateBetweenTheReplicasInOrder() throws Exception {
    String id = session(a, "xiaodai");
    List<String> replies = new ArrayList<>();
    String[] said = {"你好", "你叫什么名字？", "今天天气不错", "我们聊点别的吧"};
    for (int i = 0; i < said.length; i++) {
      HttpResponse<String> r = turn(i % 2 == 0 ? a : b, id, said[i]);
      assertEquals(200, r.statusCode(), r.body());
      JsonNode reply = PackagedService.JSON.readTree(r.body());
      assertEquals(i, reply.get("index").asInt(), "each replica answers after the other's turns");
      replies.add(reply.get("reply").asText());
    }
    for (PackagedService replica : List.of(a, b)) {
      JsonNode stored = turns(replica, id);
      assertEquals(said.length, stored.size());
      for (int i = 0; i < said.length; i++) {
        assertEquals(said[i], stored.get(i).get("user").asText());
        assertEquals(replies.get(i), stored.get(i).get("reply").asText());
      }
    }
  }

  @Test
  @Order(2)
  void concurrentTurnsOnOneSessionStoreOneAndRefuseTheOtherBeforeAcknowledgingIt() throws Exception {
    String id = session(a, "xiaodai");
    int refused = 0;
    List<String> acknowledged = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 3; round++) {
        CountDownLatch go = new CountDownLatch(1);
        String first = "第" + round + "轮，甲问";
        String second = "第" + round + "轮，乙问";
        Future<HttpResponse<String>> viaA = pool.submit(() -> { go.await(); return turn(a, id, first); });
        Future<HttpResponse<String>> viaB = pool.submit(() -> { go.await(); return turn(b, id, second); });
        go.countDown();
        for (var call : List.of(viaA, viaB)) {
          HttpResponse<String> r = call.get(2, TimeUnit.MINUTES);
          JsonNode body = PackagedService.JSON.readTree(r.body());
          if (r.statusCode() == 409) {
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertTrue(body.get("detail").asText().contains("not stored"), body.toString());
            refused++;
          } else {
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(acknowledged.size(), body.get("index").asInt(), "acknowledged turns are stored in order, without gaps");
            acknowledged.add(body.get("index").asInt() + ":" + (call == viaA ? first : second));
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    JsonNode stored = turns(b, id);
    List<String> inGraph = new ArrayList<>();
    for (JsonNode t : stored) inGraph.add(t.get("index").asInt() + ":" + t.get("user").asText());
    assertEquals(acknowledged, inGraph, "exactly the acknowledged turns, each at its index: none lost, none extra");
    assertEquals(6, acknowledged.size() + refused);
    System.out.printf("concurrent turns on one session: %d acknowledged, %d refused with 409%n", acknowledged.size(), refused);
  }

  @Test
  @Order(3)
  void aPackImportedThroughOneReplicaGroundsRepliesOnTheOtherWithinTheFeedsDelay() throws Exception {
    String csv = "entity,attribute,value\n星河诊所,挂号电话,010-8888-7777\n星河诊所,地址,青石路十八号\n";
    HttpResponse<String> imported = a.send(HttpRequest.newBuilder(URI.create(a.base + "/api/admin/packs/it-replica/import?format=triples&name=it.csv"))
        .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)).build());
    assertEquals(200, imported.statusCode(), imported.body());
    long importedAt = System.nanoTime();
    String id = session(b, "xiaodai");
    while (true) {
      HttpResponse<String> r = turn(b, id, "星河诊所的挂号电话是多少？");
      assertEquals(200, r.statusCode(), r.body());
      JsonNode knowledge = PackagedService.JSON.readTree(r.body()).get("grounding").get("knowledge");
      boolean grounded = false;
      for (JsonNode k : knowledge) grounded |= k.get("item").get("pack").asText().equals("it-replica");
      Duration waited = Duration.ofNanos(System.nanoTime() - importedAt);
      if (grounded) {
        System.out.printf("a pack imported through A grounded a reply on B after %d ms%n", waited.toMillis());
        break;
      }
      assertTrue(waited.compareTo(PROPAGATION_BOUND) < 0, "B did not see the pack within " + PROPAGATION_BOUND);
      Thread.sleep(300);
    }
    // and a delete goes the same way
    assertEquals(204, a.send(HttpRequest.newBuilder(URI.create(a.base + "/api/admin/packs/it-replica")).DELETE().build()).statusCode());
    long deadline = System.nanoTime() + PROPAGATION_BOUND.toNanos();
    while (b.send(HttpRequest.newBuilder(URI.create(b.base + "/api/admin/packs/it-replica")).build()).statusCode() != 404) {
      assertTrue(System.nanoTime() < deadline);
      Thread.sleep(300);
    }
  }

  @Test
  @Order(4)
  void aPersonaCreatedOnOneReplicaChatsOnTheOther() throws Exception {
    String persona = """
        {"version": 1, "id": "it-guide", "displayName": "导览员小周", "background": "我是博物馆的导览员小周。",
         "examples": [{"lines": [{"speaker": "user", "text": "你好"}, {"speaker": "bot", "text": "您好，欢迎参观！"}]}]}""";
    HttpResponse<String> created = a.send(HttpRequest.newBuilder(URI.create(a.base + "/api/personas/it-guide"))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(persona, StandardCharsets.UTF_8)).build());
    assertEquals(201, created.statusCode(), created.body());
    long deadline = System.nanoTime() + PROPAGATION_BOUND.toNanos();
    HttpResponse<String> session;
    while ((session = b.post("/api/sessions", "{\"bot\":\"it-guide\"}", "application/json")).statusCode() == 404) {
      assertTrue(System.nanoTime() < deadline, "B did not get the persona within " + PROPAGATION_BOUND);
      Thread.sleep(300);
    }
    assertEquals(201, session.statusCode(), session.body());
    String id = PackagedService.JSON.readTree(session.body()).get("id").asText();
    HttpResponse<String> r = turn(b, id, "你好，请问你是谁？");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("it-guide", PackagedService.JSON.readTree(r.body()).get("grounding").get("persona").asText());
  }

  @Test
  @Order(5)
  void everyTurnAReplicaKilledUnderLoadAcknowledgedIsInTheGraph() throws Exception {
    List<String> sessions = List.of(session(a, "xiaodai"), session(a, "xiaodai"));
    Map<String, List<String>> acknowledged = new ConcurrentHashMap<>(); // session -> "index:user:reply"
    AtomicBoolean killed = new AtomicBoolean();
    CountDownLatch enough = new CountDownLatch(4);
    ExecutorService load = Executors.newFixedThreadPool(sessions.size());
    for (String id : sessions) {
      load.submit(() -> {
        for (int n = 0; !killed.get(); n++) {
          String text = "压力测试第" + n + "句";
          try {
            HttpResponse<String> r = turn(a, id, text);
            if (r.statusCode() != 200) continue;
            JsonNode body = PackagedService.JSON.readTree(r.body());
            acknowledged.computeIfAbsent(id, k -> new ArrayList<>())
                .add(body.get("index").asInt() + ":" + text + ":" + body.get("reply").asText());
            enough.countDown();
          } catch (Exception e) {
            return null; // the replica is gone: nothing more is acknowledged
          }
        }
        return null;
      });
    }
    assertTrue(enough.await(3, TimeUnit.MINUTES), "A acknowledged too few turns: " + acknowledged);
    replicaA.destroyForcibly(); // kill -9, turns in flight
    killed.set(true);
    assertTrue(replicaA.waitFor(1, TimeUnit.MINUTES));
    load.shutdown();
    assertTrue(load.awaitTermination(2, TimeUnit.MINUTES));
    int total = 0;
    for (String id : sessions) {
      List<String> inGraph = new ArrayList<>();
      for (JsonNode t : turns(b, id)) inGraph.add(t.get("index").asInt() + ":" + t.get("user").asText() + ":" + t.get("reply").asText());
      List<String> acked = acknowledged.getOrDefault(id, List.of());
      assertTrue(inGraph.containsAll(acked), "acknowledged " + acked + " but the graph holds " + inGraph);
      assertTrue(inGraph.size() <= acked.size() + 1, "at most the one turn in flight was stored unacknowledged");
      total += acked.size();
    }
    System.out.printf("killed under load: %d acknowledged turns, all in the graph%n", total);
    // B still serves the sessions A served
    assertEquals(200, turn(b, sessions.get(0), "还在吗？").statusCode());
  }
}
