package dev.xdai.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bodies of the wrong shape get a 400 that says which field is wrong; what the service keeps is cleaned text. */
@QuarkusTest
class BadInputTest {

  @Test
  void wrongTypesAreNamedAndNothingIsStored() {
    String id = ChatApiTest.createSession(null);
    Map<String, String> cases = Map.of(
        "{\"text\":{\"a\":1}}", "field 'text' must be a string",
        "{\"text\":123}", "field 'text' must be a string",
        "{\"text\":true}", "field 'text' must be a string",
        "{\"text\":\"hi\",\"debug\":\"yes\"}", "field 'debug' must be true or false",
        "{\"text\":\"hi\",\"debug\":1}", "field 'debug' must be true or false",
        "[1,2]", "must be an object",
        "\"hi\"", "must be",
        "{\"text\":", "malformed JSON");
    cases.forEach((body, detail) -> given().contentType(ContentType.JSON).body(body)
        .when().post("/api/sessions/" + id + "/turns").then().statusCode(400).contentType("application/problem+json")
        .body("detail", containsString(detail)));
    given().contentType(ContentType.JSON).body("{\"bot\":[\"x\"]}").when().post("/api/sessions").then().statusCode(400)
        .contentType("application/problem+json").body("detail", containsString("field 'bot' must be a string"));
    given().contentType(ContentType.JSON).body("").when().post("/api/sessions/" + id + "/turns").then().statusCode(400)
        .contentType("application/problem+json").body("detail", not(emptyOrNullString()));
    given().when().get("/api/sessions/" + id).then().statusCode(200).body("turns", hasSize(0));
  }

  @Test
  void controlCharactersAreDroppedAndLoneSurrogatesRefused() {
    String id = ChatApiTest.createSession(null);
    given().contentType(ContentType.JSON).body("{\"text\":\"\\u0000你\\u0007好\\u001b[31m\\u0085\"}")
        .when().post("/api/sessions/" + id + "/turns").then().statusCode(200);
    given().contentType(ContentType.JSON).body("{\"text\":\"a\\ud800b\"}")
        .when().post("/api/sessions/" + id + "/turns").then().statusCode(400).contentType("application/problem+json")
        .body("detail", containsString("lone surrogate"));
    given().contentType(ContentType.JSON).body("{\"text\":\"\\u0000\\u0007\"}")
        .when().post("/api/sessions/" + id + "/turns").then().statusCode(400).body("detail", containsString("empty"));
    List<String> users = given().when().get("/api/sessions/" + id).then().statusCode(200).extract().path("turns.user");
    assertEquals(List.of("你好[31m"), users);
  }
}
