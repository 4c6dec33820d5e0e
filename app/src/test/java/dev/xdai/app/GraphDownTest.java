package dev.xdai.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.graph.GraphConnection;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The graph server killed under the running service: requests that need the graph at once are 503 with
 * {@code Retry-After} instead of waiting, a turn of a session in memory is still answered and kept, and everything
 * works again once the watchdog has restarted the server.
 */
@QuarkusTest
class GraphDownTest {

  @Inject GraphConnection graph;

  @Test
  void whileTheGraphRestartsOthersAreToldToRetryAndTurnsGoOn() throws Exception {
    String id = ChatApiTest.createSession("receptionist");
    ProcessHandle server = graph.launcher().orElseThrow().process().orElseThrow();
    server.destroyForcibly();
    server.onExit().get(30, TimeUnit.SECONDS);

    given().contentType(ContentType.JSON).body("{}").when().post("/api/sessions").then().statusCode(503)
        .contentType("application/problem+json").header("Retry-After", notNullValue()).body("detail", containsString("graph"));
    given().when().get("/api/sessions/" + id).then().statusCode(503);
    given().when().get("/api/admin/packs").then().statusCode(503);
    given().contentType(ContentType.JSON).body(Map.of("text", "你们几点开门？")).when().post("/api/sessions/" + id + "/turns")
        .then().statusCode(200).body("reply", not(emptyOrNullString()));

    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    io.restassured.response.Response back = null;
    while (System.nanoTime() < deadline && (back == null || back.statusCode() != 200 || !Integer.valueOf(1).equals(back.path("turns.size()")))) {
      Thread.sleep(1000);
      back = given().when().get("/api/sessions/" + id);
    }
    assertEquals(200, back.statusCode(), "the graph came back: " + back.asString());
    assertEquals(1, (int) back.path("turns.size()"), "the turn answered while the graph was down is kept");
    ChatApiTest.createSession(null);
  }
}
