package dev.xdai.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.app.security.ApiKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Access control over real HTTP: keys made through the same file {@code xdai keys} writes while the service runs,
 * roles, one key's sessions hidden from another, bots a key may not use, cross-site writes and rate limits.
 */
@QuarkusTest
class AccessControlTest {

  /**
   * The test service's keys file (the default, in its data directory). Keys turn access control on for every request,
   * so they exist only while this class runs and are removed after it: the other test classes share the service. (A
   * test profile would restart Quarkus in this JVM, which DJL's native tokenizer does not survive.)
   */
  static final Path KEYS = Path.of(System.getProperty("user.dir"), "target", "test-data", "keys.json"); // %test.xdai.data-dir
  /** {@code xdai.access-control.requests-per-minute}'s default. */
  static final int RATE = 120;

  /** The `xdai keys` command's view of the file, as another process would write it. */
  static ApiKeys cli;
  static String admin;
  static String frontDesk;
  static String other;

  @AfterAll
  static void accessControlOff() throws Exception {
    Files.deleteIfExists(KEYS);
  }

  @BeforeAll
  static void keys() throws Exception {
    Files.deleteIfExists(KEYS);
    cli = new ApiKeys(KEYS);
    admin = cli.create("ops", ApiKeys.Role.ADMIN, List.of()).secret();
    frontDesk = cli.create("front-desk", ApiKeys.Role.CHAT, List.of("receptionist")).secret();
    other = cli.create("other-app", ApiKeys.Role.CHAT, List.of()).secret();
  }

  static RequestSpecification as(String key) {
    return given().header("Authorization", "Bearer " + key);
  }

  @Test
  void withoutAValidKeyNothingIsAnswered() {
    for (var call : List.<RequestSpecification>of(given(), as("xdai-not-a-key"), given().header("Authorization", "Basic abc"))) {
      call.when().get("/api/personas").then().statusCode(401).contentType("application/problem+json")
          .header("WWW-Authenticate", startsWith("Bearer")).body("detail", not(emptyOrNullString()));
    }
    given().contentType(ContentType.JSON).body("{}").when().post("/api/sessions").then().statusCode(401);
    given().when().get("/q/health/live").then().statusCode(200); // probes need no key
  }

  @Test
  void theConsolesPagesAndAssetsNeedNoKeyButItsDataDoes() {
    for (String page : List.of("/", "/personas", "/knowledge", "/status", "/console/console.js", "/console/console.css")) {
      given().when().get(page).then().statusCode(200);
    }
    given().when().post("/").then().statusCode(not(200)); // only reading a page is open
    given().when().get("/api/sessions").then().statusCode(401);
    as(other).when().get("/api/sessions").then().statusCode(200);
    as(other).when().get("/api/admin/metrics").then().statusCode(403).body("detail", containsString("admin"));
    as(other).when().get("/api/admin/packs/clinic/search?q=x").then().statusCode(403);
    as(other).contentType("text/yaml").body("id: x\n").when().post("/api/personas/validate").then().statusCode(403);
    as(admin).when().get("/api/admin/metrics").then().statusCode(200);
  }

  @Test
  void aKeyListsOnlyItsOwnSessions() {
    String mine = as(other).contentType(ContentType.JSON).body(Map.of("bot", "xiaodai")).when().post("/api/sessions")
        .then().statusCode(201).extract().path("id");
    String theirs = as(frontDesk).contentType(ContentType.JSON).body(Map.of("bot", "receptionist")).when().post("/api/sessions")
        .then().statusCode(201).extract().path("id");
    List<String> listed = as(other).when().get("/api/sessions").then().statusCode(200).extract().path("id");
    assertTrue(listed.contains(mine) && !listed.contains(theirs), listed.toString());
    assertTrue(as(other).when().get("/api/sessions").then().extract().<List<String>>path("owner").stream().allMatch("other-app"::equals));
    List<String> all = as(admin).when().get("/api/sessions?limit=200").then().statusCode(200).extract().path("id");
    assertTrue(all.containsAll(List.of(mine, theirs)), all.toString());
  }

  @Test
  void aChatKeyTalksToItsBotsInItsOwnSessionsOnly() {
    String id = as(frontDesk).contentType(ContentType.JSON).body(Map.of("bot", "receptionist"))
        .when().post("/api/sessions").then().statusCode(201).extract().path("id");
    as(frontDesk).contentType(ContentType.JSON).body(Map.of("text", "你们几点开门？"))
        .when().post("/api/sessions/" + id + "/turns").then().statusCode(200).body("reply", not(emptyOrNullString()));
    as(frontDesk).contentType(ContentType.JSON).body(Map.of("bot", "xiaodai"))
        .when().post("/api/sessions").then().statusCode(403).contentType("application/problem+json")
        .body("detail", containsString("xiaodai"));
    as(frontDesk).contentType(ContentType.JSON)
        .body("{\"model\":\"xiaodai\",\"messages\":[{\"role\":\"user\",\"content\":\"你好\"}]}")
        .when().post("/v1/chat/completions").then().statusCode(403).body("detail", containsString("xiaodai"));
    given().contentType(ContentType.JSON)
        .body("{\"model\":\"receptionist\",\"messages\":[{\"role\":\"user\",\"content\":\"你好\"}]}")
        .when().post("/v1/chat/completions").then().statusCode(401);
    // another key: the session does not exist for it, and it cannot continue or delete it
    as(other).when().get("/api/sessions/" + id).then().statusCode(404).contentType("application/problem+json");
    as(other).contentType(ContentType.JSON).body(Map.of("text", "你好")).when().post("/api/sessions/" + id + "/turns")
        .then().statusCode(404);
    as(other).when().delete("/api/sessions/" + id).then().statusCode(404);
    // an admin reads every session
    as(admin).when().get("/api/sessions/" + id).then().statusCode(200).body("turns", hasSize(1));
    as(frontDesk).when().get("/api/sessions/" + id).then().statusCode(200).body("turns", hasSize(1));
  }

  @Test
  void administrationRefusesChatKeys() {
    as(other).when().get("/api/admin/packs").then().statusCode(403).contentType("application/problem+json")
        .body("detail", containsString("admin"));
    as(other).contentType("text/yaml").body("id: mine\nname: x\n").when().put("/api/personas/mine").then().statusCode(403);
    as(other).when().get("/api/personas").then().statusCode(200);
    as(admin).when().get("/api/admin/packs").then().statusCode(200);
    as(other).when().get("/api/admin/keys").then().statusCode(403);
    List<String> names = as(admin).when().get("/api/admin/keys").then().statusCode(200).extract().path("name");
    assertTrue(names.containsAll(List.of("ops", "front-desk", "other-app")), names.toString());
    assertFalse(as(admin).when().get("/api/admin/keys").asString().contains(frontDesk.substring(8)), "secrets are never listed");
  }

  @Test
  void keysMadeAndRevokedWhileServingTakeEffectAtOnce() {
    String made = as(admin).contentType(ContentType.JSON).body(Map.of("name", "temp", "role", "chat"))
        .when().post("/api/admin/keys").then().statusCode(201).body("key.name", equalTo("temp"))
        .extract().path("secret");
    as(made).when().get("/api/personas").then().statusCode(200);
    assertTrue(cli.revoke("temp")); // as `xdai keys revoke temp` would, from another process
    as(made).when().get("/api/personas").then().statusCode(401).body("detail", containsString("revoked"));
    String fromCli = cli.create("late", ApiKeys.Role.CHAT, List.of()).secret();
    as(fromCli).when().get("/api/personas").then().statusCode(200);
    as(admin).when().delete("/api/admin/keys/late").then().statusCode(204);
    as(fromCli).when().get("/api/personas").then().statusCode(401);
    as(admin).when().delete("/api/admin/keys/late").then().statusCode(404);
  }

  @Test
  void aCrossSitePageCannotImportKnowledgeEvenWithAKey() {
    as(admin).header("Origin", "http://evil.example").contentType("text/plain").body("Q:x A:y")
        .when().post("/api/admin/packs/evil/import?format=faq&name=x.txt").then().statusCode(403)
        .contentType("application/problem+json").body("detail", containsString("evil.example"));
    given().header("Origin", "http://evil.example").header("Sec-Fetch-Site", "cross-site").contentType("text/plain")
        .body("Q:x A:y").when().post("/api/admin/packs/evil/import?format=faq&name=x.txt").then().statusCode(403);
    as(admin).when().get("/api/admin/packs/evil").then().statusCode(404);
  }

  @Test
  void aKeyOverItsRequestRateIsToldToRetryLater() {
    String busy = cli.create("busy", ApiKeys.Role.CHAT, List.of()).secret();
    int ok = 0;
    io.restassured.response.Response refused = null;
    for (int i = 0; i < RATE + 20 && refused == null; i++) {
      var r = as(busy).when().get("/api/personas");
      if (r.statusCode() == 200) ok++;
      else refused = r;
    }
    assertNotNull(refused, "never refused");
    assertEquals(RATE, ok, "the configured requests per minute");
    assertEquals(429, refused.statusCode());
    assertTrue(refused.contentType().startsWith("application/problem+json"));
    int retry = Integer.parseInt(refused.header("Retry-After"));
    assertTrue(retry >= 1 && retry <= 60, "Retry-After " + retry);
    as(admin).when().get("/api/personas").then().statusCode(200); // other keys go on
  }
}
