package dev.xdai.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the web console reads besides the chat API, over real HTTP with the real model, graph and indexes: the session
 * list, a prompt in its parts, persona validation at field and line, trying an unsaved persona, a pack searched as a
 * turn does, an entity's neighbourhood, and the turn figures.
 */
@QuarkusTest
class ConsoleApiTest {

  @Test
  void aCallerListsItsSessionsNewestFirst() {
    String first = ChatApiTest.createSession("student");
    given().contentType(ContentType.JSON).body(Map.of("text", "你好")).when().post("/api/sessions/" + first + "/turns").then().statusCode(200);
    String second = ChatApiTest.createSession("receptionist");
    List<Map<String, Object>> listed = given().when().get("/api/sessions?limit=200").then().statusCode(200).extract().path("$");
    List<Object> ids = listed.stream().map(s -> s.get("id")).toList();
    assertTrue(ids.indexOf(second) >= 0 && ids.indexOf(second) < ids.indexOf(first), ids.toString());
    Map<String, Object> mine = listed.get(ids.indexOf(first));
    assertEquals("student", mine.get("bot"));
    assertEquals(1, mine.get("turns"));
    assertEquals("你好", mine.get("firstUtterance"));
    given().when().get("/api/sessions?limit=1").then().statusCode(200).body("$", hasSize(1));
    given().when().get("/api/sessions?limit=0").then().statusCode(400).contentType("application/problem+json")
        .body("detail", containsString("limit"));
  }

  @Test
  void aDebugTurnComesWithItsPromptInColouredParts() {
    String id = ChatApiTest.createSession("receptionist");
    Response r = given().contentType(ContentType.JSON).body(Map.of("text", "洗牙多少钱？", "debug", true))
        .when().post("/api/sessions/" + id + "/turns").then().statusCode(200).extract().response();
    List<Map<String, String>> parts = r.path("promptParts");
    String prompt = r.path("prompt");
    assertEquals(prompt, String.join("|", parts.stream().map(p -> p.get("text")).toList()));
    List<String> kinds = parts.stream().map(p -> p.get("kind")).toList();
    assertTrue(kinds.containsAll(List.of("background", "knowledge", "utterance", "blank")), kinds.toString());
    assertEquals("A:洗牙多少钱？", parts.get(kinds.indexOf("utterance")).get("text"));
    assertTrue(kinds.indexOf("blank") == kinds.indexOf("utterance") + 1, kinds.toString());
    given().contentType(ContentType.JSON).body(Map.of("text", "几点开门？")).when().post("/api/sessions/" + id + "/turns")
        .then().statusCode(200).body("promptParts", nullValue());
  }

  @Test
  void aPersonasProblemsArePinnedToTheirFieldAndLine() {
    String yaml = "version: 1\nid: console-check\nbackground: 我是一个测试角色。\nanswering: sometimes\n";
    given().contentType("text/yaml; charset=utf-8").body(yaml).when().post("/api/personas/validate").then().statusCode(400)
        .contentType("application/problem+json")
        .body("violations.field", hasItems("displayName", "answering"))
        .body("violations.find { it.field == 'answering' }.line", equalTo(4))
        .body("violations.find { it.field == 'answering' }.column", greaterThan(1))
        .body("violations.find { it.field == 'displayName' }.line", equalTo(1))
        .body("violations.size()", equalTo(2)).body("errors", hasSize(2));
    given().contentType("text/yaml; charset=utf-8").body(yaml.replace("answering: sometimes", "displayName: 测试")).when().post("/api/personas/validate")
        .then().statusCode(200).body("id", equalTo("console-check")).body("displayName", equalTo("测试"));
    given().when().get("/api/personas/console-check").then().statusCode(404); // validating stored nothing
  }

  @Test
  void anUnsavedPersonaAnswersAndIsNotStored() {
    String persona = "version: 1\nid: draft-clerk\ndisplayName: 前台草稿\nbackground: 我是康宁社区诊所的前台。\npacks: [clinic]\nanswering: quote\n";
    Response r = given().contentType(ContentType.JSON)
        .body(Map.of("persona", persona, "history", List.of(Map.of("user", "你好", "bot", "您好")), "text", "洗牙多少钱？"))
        .when().post("/api/personas/try").then().statusCode(200).extract().response();
    assertFalse(r.<String>path("reply").isBlank());
    assertEquals("draft-clerk", r.path("grounding.persona"));
    assertEquals(1, (int) r.path("index"));
    assertNull(r.path("sessionId"));
    List<String> packs = r.path("grounding.knowledge.item.pack");
    assertTrue(!packs.isEmpty() && packs.stream().allMatch("clinic"::equals), packs.toString());
    assertTrue(r.<String>path("prompt").startsWith("我是康宁社区诊所的前台。"), r.<String>path("prompt"));
    given().when().get("/api/personas/draft-clerk").then().statusCode(404);

    given().contentType(ContentType.JSON).body(Map.of("persona", "version: 1\nid: Bad Id\n", "text", "你好"))
        .when().post("/api/personas/try").then().statusCode(400).body("violations.field", hasItem("id"));
    given().contentType(ContentType.JSON).body(Map.of("persona", persona, "format", "toml", "text", "你好"))
        .when().post("/api/personas/try").then().statusCode(400).body("detail", containsString("format"));
    given().contentType(ContentType.JSON).body(Map.of("persona", persona, "history", List.of(Map.of("user", "x")), "text", "你好"))
        .when().post("/api/personas/try").then().statusCode(400).body("detail", containsString("history[0]"));
  }

  @Test
  void aPackIsSearchedAsATurnSearchesIt() {
    Response r = given().queryParam("q", "洗牙多少钱").when().get("/api/admin/packs/clinic/search").then().statusCode(200)
        .body("pack", equalTo("clinic")).body("format", equalTo("qa")).extract().response();
    List<Map<String, Object>> hits = r.path("hits");
    assertFalse(hits.isEmpty());
    assertEquals(1, hits.get(0).get("rank"));
    assertTrue(String.valueOf(hits.get(0).get("text")).contains("150"), hits.get(0).toString());
    for (Map<String, Object> h : hits) {
      assertEquals("qa", h.get("format"));
      assertEquals("clinic", h.get("pack"));
      @SuppressWarnings("unchecked") Map<String, Integer> lists = (Map<String, Integer>) h.get("lists");
      assertFalse(lists.isEmpty(), h.toString());
      assertTrue(lists.keySet().stream().allMatch(List.of("bm25", "vector", "entity", "focus")::contains), lists.toString());
    }
    List<Float> scores = r.path("hits.score");
    for (int i = 1; i < scores.size(); i++) assertTrue(scores.get(i) <= scores.get(i - 1), scores.toString());
    given().queryParam("q", "康宁社区诊所").queryParam("format", "description").when().get("/api/admin/packs/clinic/search")
        .then().statusCode(200).body("hits.format", everyItem(equalTo("description")));

    given().when().get("/api/admin/packs/clinic/search").then().statusCode(400).contentType("application/problem+json")
        .body("detail", containsString("'q'"));
    given().queryParam("q", "x").queryParam("format", "graph").when().get("/api/admin/packs/clinic/search").then().statusCode(400);
    given().queryParam("q", "x").queryParam("limit", 51).when().get("/api/admin/packs/clinic/search").then().statusCode(400);
    given().queryParam("q", "x".repeat(501)).when().get("/api/admin/packs/clinic/search").then().statusCode(400)
        .body("detail", containsString("limit is 500"));
    given().queryParam("q", "x").when().get("/api/admin/packs/no-such-pack/search").then().statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void anEntitysNeighbourhoodComesFromTheGraph() {
    List<Map<String, String>> found = given().queryParam("name", "康宁社区诊所").when().get("/api/admin/packs/clinic/entities")
        .then().statusCode(200).extract().path("$");
    assertEquals("康宁社区诊所", found.get(0).get("name"));
    String id = found.get(0).get("id");
    given().when().get("/api/admin/packs/clinic/entities/" + id).then().statusCode(200)
        .body("entity.name", equalTo("康宁社区诊所"))
        .body("facts.title", hasItems("地址", "电话"))
        .body("descriptions", not(empty()));
    given().when().get("/api/admin/packs/campus/entities/" + id).then().statusCode(404).contentType("application/problem+json");
    given().when().get("/api/admin/packs/clinic/entities").then().statusCode(400);
    given().queryParam("name", "没有这个实体").when().get("/api/admin/packs/clinic/entities").then().statusCode(200).body("$", empty());
  }

  @Test
  void theTurnFiguresAndTheIndexesHealthAreSummed() {
    String id = ChatApiTest.createSession(null);
    given().contentType(ContentType.JSON).body(Map.of("text", "你好")).when().post("/api/sessions/" + id + "/turns").then().statusCode(200);
    Response m = given().when().get("/api/admin/metrics").then().statusCode(200).extract().response();
    assertTrue(m.<Integer>path("turns") >= 1);
    assertTrue(m.<Number>path("tokens").longValue() >= 1);
    Map<String, Integer> byMode = m.path("turnsByMode");
    assertEquals(m.<Integer>path("turns"), byMode.values().stream().mapToInt(Integer::intValue).sum());
    Map<String, Object> generate = m.<List<Map<String, Object>>>path("steps").stream().filter(s -> s.get("step").equals("generate"))
        .findFirst().orElseThrow();
    double p50 = ((Number) generate.get("p50Ms")).doubleValue();
    double p95 = ((Number) generate.get("p95Ms")).doubleValue();
    double mean = ((Number) generate.get("meanMs")).doubleValue();
    assertTrue(mean > 0 && p50 > 0 && p50 <= p95, generate.toString());
    assertTrue(p95 >= mean * 0.5, "a bucket bound is at least near the figures it holds: " + generate);
    given().when().get("/q/health/ready").then().body("checks.find { it.name == 'indexes' }.data.items", greaterThan(0));
  }
}
