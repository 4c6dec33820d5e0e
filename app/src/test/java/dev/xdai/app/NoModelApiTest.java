package dev.xdai.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service started without a usable model (its directory does not exist): it still starts, says why it is not
 * ready, keeps sessions, and answers turns with 503 and the reason, storing nothing half-done.
 */
@QuarkusTest
@TestProfile(NoModelApiTest.NoModel.class)
class NoModelApiTest {

  public static class NoModel implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("xdai.model.path", "target/no-model-here");
    }
  }

  @Test
  void turnsAre503WithTheReasonAndTheSessionLosesNothing() {
    given().when().get("/q/health/ready").then().statusCode(503).body(containsString("no-model-here"));

    String id = given().contentType(ContentType.JSON).body(Map.of("bot", "xiaodai"))
        .when().post("/api/sessions").then().statusCode(201).extract().path("id");
    given().contentType(ContentType.JSON).body(Map.of("text", "你好"))
        .when().post("/api/sessions/" + id + "/turns")
        .then().statusCode(503).contentType("application/problem+json")
        .body("status", equalTo(503))
        .body("detail", containsString("no language model is available"));
    given().contentType(ContentType.JSON).accept("text/event-stream").body(Map.of("text", "你好"))
        .when().post("/api/sessions/" + id + "/turns")
        .then().statusCode(503).contentType("application/problem+json");

    given().when().get("/api/sessions/" + id).then().statusCode(200)
        .body("bot", equalTo("xiaodai"))
        .body("turns.size()", equalTo(0));
  }
}
