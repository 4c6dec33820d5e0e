package dev.xdai.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chat API end to end over real HTTP, with the real model, embeddings, graph server and personas. */
@QuarkusTest
class ChatApiTest {

  static String createSession(String bot) {
    return given().contentType(ContentType.JSON).body(bot == null ? "{}" : Map.of("bot", bot))
        .when().post("/api/sessions")
        .then().statusCode(201).header("Location", containsString("/api/sessions/"))
        .extract().path("id");
  }

  @Test
  void aTurnReturnsARealReplyWithItsGrounding() {
    String id = createSession(null);
    Response r = given().contentType(ContentType.JSON).body(Map.of("text", "你好，你叫什么名字？"))
        .when().post("/api/sessions/" + id + "/turns?debug=true")
        .then().statusCode(200).contentType(ContentType.JSON)
        .body("reply", not(emptyOrNullString()))
        .body("index", equalTo(0))
        .body("grounding.persona", equalTo("xiaodai"))
        .body("grounding.timingsMs.generate", greaterThan(0f))
        .body("grounding.model", not(equalTo("unavailable")))
        .extract().response();
    String prompt = r.path("prompt");
    assertTrue(prompt.contains("A:你好，你叫什么名字？|B:"), prompt);

    given().contentType(ContentType.JSON).body(Map.of("text", "你喜欢什么？"))
        .when().post("/api/sessions/" + id + "/turns").then().statusCode(200).body("index", equalTo(1)).body("prompt", nullValue());

    given().when().get("/api/sessions/" + id).then().statusCode(200)
        .body("bot", equalTo("xiaodai"))
        .body("turns.user", equalTo(List.of("你好，你叫什么名字？", "你喜欢什么？")))
        .body("turns[0].reply", equalTo(r.<String>path("reply")))
        .body("turns[0].grounding.persona", equalTo("xiaodai"));
  }

  @Test
  void aStreamedTurnSendsTokensThenTheWholeTurn() {
    String id = createSession(null);
    String body = given().contentType(ContentType.JSON).accept("text/event-stream").body(Map.of("text", "今天天气不错"))
        .when().post("/api/sessions/" + id + "/turns")
        .then().statusCode(200).contentType(containsString("text/event-stream"))
        .extract().asString();
    assertTrue(body.contains("event:token") || body.contains("event: token"), body);
    int turnEvent = Math.max(body.indexOf("event:turn"), body.indexOf("event: turn"));
    assertTrue(turnEvent > 0, body);
    assertTrue(body.substring(turnEvent).contains("\"reply\""), body);
    given().when().get("/api/sessions/" + id).then().statusCode(200).body("turns.size()", equalTo(1));
  }

  @Test
  void deleteForgetsTheSession() {
    String id = createSession("xiaodai");
    given().when().delete("/api/sessions/" + id).then().statusCode(204);
    given().when().get("/api/sessions/" + id).then().statusCode(404).contentType("application/problem+json");
    given().when().delete("/api/sessions/" + id).then().statusCode(404);
  }

  @Test
  void badInputsAreProblemsWithAReasonAndLoseNothing() throws Exception {
    String id = createSession(null);
    given().contentType(ContentType.JSON).body(Map.of("text", "第一句"))
        .when().post("/api/sessions/" + id + "/turns").then().statusCode(200);

    problem(given().contentType(ContentType.JSON).body(Map.of("bot", "no-such-bot")).when().post("/api/sessions"), 404, "no-such-bot");
    problem(given().contentType(ContentType.JSON).body(Map.of("text", "  ")).when().post("/api/sessions/" + id + "/turns"), 400, "empty");
    problem(given().contentType(ContentType.JSON).body(Map.of("text", "长".repeat(5000))).when().post("/api/sessions/" + id + "/turns"), 413, "limit");
    problem(given().contentType(ContentType.JSON).body("{\"text\": ").when().post("/api/sessions/" + id + "/turns"), 400, "JSON");
    problem(given().contentType(ContentType.JSON).body(Map.of("text", "hi")).when().post("/api/sessions/nope/turns"), 404, "nope");
    problem(given().contentType(ContentType.JSON).body(Map.of("text", "hi", "emotion", "furious")).when().post("/api/sessions/" + id + "/turns"), 400, "furious");
    // Over the API's body limit (1M), under Vert.x's: refused from the declared length, with the limit named.
    String huge = "{\"text\": \"hi\", \"pad\": \"" + "x".repeat(1_100_000) + "\"}";
    problem(given().contentType(ContentType.JSON).body(huge).when().post("/api/sessions/" + id + "/turns"), 413, "xdai.limits.max-request-size");
    // The same body sent without a length (chunked) is counted as it is read: the same problem, and a small one passes.
    problem(chunked("/api/sessions/" + id + "/turns", huge), 413, "xdai.limits.max-request-size");
    assertEquals(404, chunked("/api/sessions/nope/turns", "{\"text\": \"hi\"}").statusCode());
    // An upload may be larger than an API body, but not larger than its own limit (10M).
    given().contentType("text/csv").body(("#" + "注".repeat(99) + "\n").repeat(4_000).concat("甲,类型,乙\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .when().post("/api/admin/packs/t-size/import?format=triples&name=big.csv").then().statusCode(200);
    problem(given().contentType("text/csv").body(new byte[11 * 1024 * 1024]).when().post("/api/admin/packs/t-size/import?format=triples&name=huge.csv"),
        413, "xdai.limits.max-upload-size");
    given().when().delete("/api/admin/packs/t-size").then().statusCode(anyOf(equalTo(200), equalTo(204)));

    given().when().get("/api/sessions/" + id).then().statusCode(200).body("turns.size()", equalTo(1)).body("turns[0].user", equalTo("第一句"));
  }

  /** POSTs JSON with no Content-Length: the JDK client sends a body of unknown length chunked. */
  static Response chunked(String path, String json) throws Exception {
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + path))
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
            () -> new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)))).build();
    var answer = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    assertFalse(request.bodyPublisher().orElseThrow().contentLength() >= 0, "the body must go without a length");
    return new io.restassured.builder.ResponseBuilder().setStatusCode(answer.statusCode()).setBody(answer.body())
        .setContentType(answer.headers().firstValue("Content-Type").orElse("")).build();
  }

  static void problem(Response r, int status, String reasonContains) {
    r.then().statusCode(status).contentType("application/problem+json")
        .body("status", equalTo(status))
        .body("detail", containsString(reasonContains));
  }

  @Test
  void openApiHealthAndMetricsAreServed() {
    given().when().get("/q/openapi").then().statusCode(200).body(containsString("/api/sessions"));
    given().when().get("/q/health/ready").then().statusCode(200)
        .body("checks.find { it.name == 'sessions' }.data.writeBehind", equalTo(true));
    createSessionAndTalk();
    given().when().get("/q/metrics").then().statusCode(200)
        .body(containsString("xdai_turn_step_seconds_bucket"))
        .body(containsString("xdai_tokens_generated_total"))
        .body(containsString("xdai_sessions_in_memory{kind=\"conversations\""))
        .body(containsString("cache_gets_total{cache=\"xdai.embeddings\",result=\"miss\"}"))
        .body(not(containsString("cache_gets_total{cache=\"xdai.embeddings\",result=\"miss\"} 0.0")))
        .body(containsString("cache_size{cache=\"xdai.embeddings\"}"))
        .body(containsString("cache_gets_total{cache=\"xdai.conversations\",result=\"hit\"}"))
        .body(containsString("cache_gets_total{cache=\"xdai.history.knowledge\",result=\"hit\"}"));
  }

  private static void createSessionAndTalk() {
    String id = createSession(null);
    given().contentType(ContentType.JSON).body(Map.of("text", "你好")).when().post("/api/sessions/" + id + "/turns").then().statusCode(200);
  }
}
