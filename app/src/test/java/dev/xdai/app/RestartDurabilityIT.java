package dev.xdai.app;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions survive a restart of the service: the packaged service (with the graph server it starts) is run, a
 * conversation is held over HTTP, the service is stopped, started again on the same data, and the conversation is
 * still there and goes on. While it runs, {@code xdai import} and {@code xdai chat} from other processes go through the
 * service. Killed without warning under load, it still has every acknowledged turn when started again.
 */
class RestartDurabilityIT {

  @TempDir Path data;

  @Test
  void aConversationSurvivesARestart() throws Exception {
    PackagedService app = new PackagedService(data);
    Map<String, List<String>> acknowledged;
    String id;
    String firstReply;
    Process service = app.serve();
    try {
      app.awaitReady(service);
      id = app.post("/api/sessions", "{\"bot\":\"student\"}", 201).get("id").asText();
      firstReply = app.post("/api/sessions/" + id + "/turns", "{\"text\":\"你好，你是哪个学校的？\"}", 200).get("reply").asText();
      assertFalse(firstReply.isBlank());
      importWhileServing(app);
      chatWhileServing(app);
    } finally {
      PackagedService.stop(service);
    }
    service = app.serve();
    try {
      app.awaitReady(service);
      JsonNode session = app.get("/api/sessions/" + id);
      assertEquals("student", session.get("bot").asText());
      assertEquals(1, session.get("turns").size());
      assertEquals(firstReply, session.get("turns").get(0).get("reply").asText());
      JsonNode second = app.post("/api/sessions/" + id + "/turns", "{\"text\":\"图书馆几点开门？\"}", 200);
      assertEquals(1, second.get("index").asInt());
      assertEquals(2, app.get("/api/sessions/" + id).get("turns").size());
      JsonNode third = app.post("/api/sessions/" + id + "/turns", "{\"text\":\"谢谢你\"}", 200);
      assertEquals(2, third.get("index").asInt());
      // A crash under load: every turn acknowledged to a client is in the session journal or already in the graph.
      acknowledged = killUnderLoad(app, service);
    } finally {
      PackagedService.stop(service);
    }
    service = app.serve();
    try {
      app.awaitReady(service);
      JsonNode turns = app.get("/api/sessions/" + id).get("turns");
      assertEquals(3, turns.size(), turns.toString());
      assertEquals("谢谢你", turns.get(2).get("user").asText());
      int total = 0;
      for (var session : acknowledged.entrySet()) {
        JsonNode stored = app.get("/api/sessions/" + session.getKey()).get("turns");
        List<String> said = session.getValue();
        assertTrue(stored.size() >= said.size(), "acknowledged " + said + ", stored " + stored);
        for (int i = 0; i < said.size(); i++) assertEquals(said.get(i), stored.get(i).get("user").asText(), "turn " + i);
        total += said.size();
      }
      assertTrue(total > 0, "the load got no turn through before the kill");
    } finally {
      PackagedService.stop(service);
    }
  }

  /**
   * Four clients send turns back to back in their own sessions; the service is killed with SIGKILL while turns are in
   * flight. Returns each session's acknowledged utterances, in the order of their turn index.
   */
  private static Map<String, List<String>> killUnderLoad(PackagedService app, Process service) throws Exception {
    Map<String, List<String>> acknowledged = new ConcurrentHashMap<>();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    AtomicBoolean killed = new AtomicBoolean();
    List<Future<Void>> running = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      String session = app.post("/api/sessions", "{\"bot\":\"xiaodai\"}", 201).get("id").asText();
      List<String> said = Collections.synchronizedList(new ArrayList<>());
      acknowledged.put(session, said);
      running.add(clients.submit(() -> {
        for (int turn = 0; !killed.get(); turn++) {
          String text = "第" + turn + "句话";
          try {
            JsonNode reply = app.post("/api/sessions/" + session + "/turns", "{\"text\":\"" + text + "\"}", 200);
            assertEquals(said.size(), reply.get("index").asInt());
            said.add(text);
          } catch (Throwable e) {
            if (!killed.get()) throw e; // a failure before the kill is the test's failure
            return null;
          }
        }
        return null;
      }));
    }
    Thread.sleep(8_000);
    killed.set(true);
    service.destroyForcibly();
    assertTrue(service.waitFor(1, TimeUnit.MINUTES));
    clients.shutdown();
    assertTrue(clients.awaitTermination(1, TimeUnit.MINUTES), "a client hung after the kill");
    for (Future<Void> client : running) client.get(); // rethrows what went wrong before the kill
    return acknowledged;
  }

  /** The service owns the graph server and the index: a second process's import must go through its admin API. */
  private void importWhileServing(PackagedService app) throws Exception {
    Path csv = data.resolve("clinic-extra.csv");
    Files.writeString(csv, "entity,attribute,value\n星光诊所,停车场,地下二层有四十个车位\n");
    Path log = data.resolve("import.log");
    Process p = app.command(log, null, "import", "--pack", "it-extra", "--format", "triples", csv.toString());
    assertTrue(p.waitFor(3, TimeUnit.MINUTES), "import did not finish");
    String output = Files.readString(log);
    assertEquals(0, p.exitValue(), output);
    assertTrue(output.contains("importing through its admin API"), output);
    JsonNode pack = app.get("/api/admin/packs/it-extra");
    assertEquals(1, pack.get("facts").asLong(), pack.toString());
  }

  /** A terminal chat started next to the service talks to it over HTTP (and streams its replies). */
  private void chatWhileServing(PackagedService app) throws Exception {
    Path input = data.resolve("chat-input.txt");
    Files.writeString(input, "图书馆几点开门？\n/quit\n");
    Path log = data.resolve("chat.log");
    Process p = app.command(log, input, "chat", "--bot", "student");
    assertTrue(p.waitFor(3, TimeUnit.MINUTES), "chat did not finish");
    String output = Files.readString(log);
    assertEquals(0, p.exitValue(), output);
    assertTrue(output.contains("(through the service running at"), output);
    assertTrue(output.contains("你：") && output.contains("(session "), output);
  }
}
