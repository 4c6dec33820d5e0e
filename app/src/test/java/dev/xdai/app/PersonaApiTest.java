package dev.xdai.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Persona management over real HTTP: list, read, create, validate-only, errors that name the field, delete. */
@QuarkusTest
class PersonaApiTest {

  static final String TESTER = """
      version: 1
      id: tester
      displayName: 测试员
      background: 我是一个认真的测试员。
      style: 简洁
      greeting: 你好，我来测试。
      defaultEmotion: neutral
      examples:
        - lines:
            - speaker: user
              text: 你在做什么？
            - speaker: bot
              text: 我在检查每一个细节。
      """;

  // Raw bytes: RestAssured has no YAML encoder and must not re-encode the body.
  static byte[] yaml(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void shippedPersonasAreListedAndReadable() {
    given().when().get("/api/personas").then().statusCode(200)
        .body("personas.id", hasItems("xiaodai", "student", "receptionist", "interviewer"))
        .body("emotions", hasItems("neutral", "angry"));
    given().when().get("/api/personas/student").then().statusCode(200).body("id", equalTo("student")).body("packs", hasItem("campus"));
    given().when().get("/api/personas/nobody").then().statusCode(404).contentType("application/problem+json");
  }

  @Test
  void aPersonaCanBeCreatedUsedAndDeleted() {
    given().contentType("application/yaml").body(yaml(TESTER)).when().put("/api/personas/tester").then().statusCode(201).body("id", equalTo("tester"));
    given().when().get("/api/personas/tester").then().statusCode(200).body("displayName", equalTo("测试员"));
    given().contentType(ContentType.JSON).body(Map.of("bot", "tester")).when().post("/api/sessions").then().statusCode(201)
        .body("greeting", equalTo("你好，我来测试。"));
    given().contentType("application/yaml").body(yaml(TESTER.replace("简洁", "更简洁"))).when().put("/api/personas/tester").then().statusCode(200);
    given().when().delete("/api/personas/tester").then().statusCode(204);
    given().when().get("/api/personas/tester").then().statusCode(404);
  }

  @Test
  void invalidPersonasAreRejectedNamingTheFieldAndNothingIsStored() {
    String bad = TESTER.replace("id: tester", "id: broken").replace("speaker: bot", "speaker: narrator");
    given().contentType("application/yaml").body(yaml(bad)).when().put("/api/personas/broken?validateOnly=true").then().statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("examples[0].lines[1].speaker"))
        .body("errors[0]", containsString(":"));
    given().contentType("application/yaml").body(yaml(bad)).when().put("/api/personas/broken").then().statusCode(400);
    given().when().get("/api/personas/broken").then().statusCode(404);
    given().contentType("application/yaml").body(yaml(TESTER)).when().put("/api/personas/other").then().statusCode(400)
        .body("detail", containsString("does not match"));
    given().contentType("application/yaml").body(yaml(TESTER)).when().put("/api/personas/tester?validateOnly=true").then().statusCode(200);
    given().when().get("/api/personas/tester").then().statusCode(404);
  }

  @Test
  void shippedPersonasCannotBeDeleted() {
    given().when().delete("/api/personas/xiaodai").then().statusCode(409).contentType("application/problem+json");
    given().when().get("/api/personas/xiaodai").then().statusCode(200);
  }

  @Test
  void aCharacterCardV2BecomesAPersona() {
    String card = """
        {"spec": "chara_card_v2", "spec_version": "2.0", "data": {
          "name": "阿福", "description": "{{char}}是一只会说话的猫。", "personality": "懒散", "scenario": "在咖啡馆",
          "first_mes": "喵，{{user}}来啦？", "mes_example": "<START>\\n{{user}}: 你在干嘛？\\n{{char}}: 晒太阳，别打扰我。",
          "creator_notes": "", "system_prompt": "", "post_history_instructions": "", "alternate_greetings": [], "tags": [],
          "creator": "", "character_version": "1", "extensions": {}}}
        """;
    given().contentType(ContentType.JSON).body(card).when().post("/api/personas/import/card-v2?id=afu").then().statusCode(201)
        .body("persona.id", equalTo("afu")).body("persona.background", containsString("会说话的猫"));
    given().when().get("/api/personas/afu").then().statusCode(200);
    String changed = card.replace("懒散", "勤快");
    given().contentType(ContentType.JSON).body(changed).when().post("/api/personas/import/card-v2?id=afu").then()
        .statusCode(409).contentType("application/problem+json").body("detail", containsString("afu"));
    given().when().get("/api/personas/afu").then().statusCode(200).body(not(containsString("勤快")));
    given().contentType(ContentType.JSON).body(changed).when().post("/api/personas/import/card-v2?id=afu&replace=true").then()
        .statusCode(201);
    given().when().get("/api/personas/afu").then().statusCode(200).body(containsString("勤快"));
    given().contentType(ContentType.JSON).body("{\"spec\": \"something_else\"}").when().post("/api/personas/import/card-v2").then()
        .statusCode(400).contentType("application/problem+json");
    given().when().delete("/api/personas/afu").then().statusCode(204);
  }
}
