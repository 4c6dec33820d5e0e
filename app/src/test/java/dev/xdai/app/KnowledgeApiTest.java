package dev.xdai.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Knowledge over real HTTP: the demo packs are there on first start and ground the shipped personas; an uploaded pack
 * is visible to the very next turn; a deleted pack is gone from the next turn.
 */
@QuarkusTest
class KnowledgeApiTest {

  @Test
  void demoPacksGroundTheShippedPersonas() {
    given().when().get("/api/admin/packs").then().statusCode(200).body("name", hasItems("clinic", "campus", "company"));
    String id = ChatApiTest.createSession("receptionist");
    List<String> packs = given().contentType(ContentType.JSON).body(Map.of("text", "你们诊所周末开门吗？"))
        .when().post("/api/sessions/" + id + "/turns").then().statusCode(200)
        .extract().path("grounding.knowledge.item.pack");
    assertFalse(packs.isEmpty(), "the receptionist's reply should be grounded in the clinic pack");
    assertTrue(packs.stream().allMatch("clinic"::equals), packs.toString());
  }

  @Test
  void anUploadedPackGroundsTheNextTurnAndDeletingItRemovesIt() {
    String csv = "entity,attribute,value\n星河咖啡馆,营业时间,每天早上七点到晚上十点\n星河咖啡馆,招牌饮品,桂花拿铁\n";
    given().contentType("text/csv; charset=utf-8").body(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post("/api/admin/packs/cafe/import?format=triples&name=cafe.csv")
        .then().statusCode(200).body("triples", equalTo(2)).body("pack", equalTo("cafe"));
    given().when().get("/api/admin/packs/cafe").then().statusCode(200).body("facts", greaterThanOrEqualTo(2));

    String id = ChatApiTest.createSession("xiaodai");
    List<String> ids = given().contentType(ContentType.JSON).body(Map.of("text", "星河咖啡馆的招牌饮品是什么？"))
        .when().post("/api/sessions/" + id + "/turns").then().statusCode(200)
        .extract().path("grounding.knowledge.item.pack");
    assertTrue(ids.contains("cafe"), ids.toString());

    given().when().delete("/api/admin/packs/cafe").then().statusCode(204);
    given().when().get("/api/admin/packs/cafe").then().statusCode(404).contentType("application/problem+json");
    List<String> after = given().contentType(ContentType.JSON).body(Map.of("text", "星河咖啡馆的招牌饮品是什么？"))
        .when().post("/api/sessions/" + id + "/turns").then().statusCode(200)
        .extract().path("grounding.knowledge.item.pack");
    assertFalse(after.contains("cafe"), after.toString());
  }

  @Test
  void badUploadsAreProblems() {
    given().contentType("text/csv").body("x").when().post("/api/admin/packs/p/import").then().statusCode(400)
        .contentType("application/problem+json").body("detail", containsString("format"));
    given().contentType("text/csv").body("x").when().post("/api/admin/packs/p/import?format=nonsense").then().statusCode(400)
        .contentType("application/problem+json");
    given().when().delete("/api/admin/packs/never-there").then().statusCode(404);
  }
}
