package dev.xdai.app;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generated bad requests at every endpoint that takes a body, and at the persona and knowledge importers:
 * malformed and truncated JSON, wrong types, deep nesting, huge and binary values, control characters. None may be a
 * server error, every refusal is a problem with a reason, and what was accepted before is still there afterwards.
 */
@QuarkusTest
class FuzzTest {

  static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
  static final int ROUNDS = Integer.getInteger("fuzz.rounds", 100);

  record Target(String method, String path, String contentType, Function<Random, String> valid) {}

  @Test
  void badInputNeverBreaksTheServiceNorLosesWhatItHolds() {
    Random random = new Random(SEED);
    String session = ChatApiTest.createSession(null);
    given().contentType(ContentType.JSON).body(Map.of("text", "你好")).when().post("/api/sessions/" + session + "/turns")
        .then().statusCode(200);
    List<Target> targets = List.of(
        new Target("POST", "/api/sessions", "application/json", r -> "{\"bot\":\"xiaodai\",\"emotion\":\"\"}"),
        new Target("POST", "/api/sessions/" + session + "/turns", "application/json", r -> "{\"text\":\"你好\",\"debug\":false}"),
        new Target("POST", "/api/sessions/no-such-session/turns", "application/json", r -> "{\"text\":\"你好\"}"),
        new Target("PUT", "/api/personas/fuzz-bot", "text/yaml", r -> "id: fuzz-bot\nname: 测试\nbackground: 一个测试角色。\n"),
        new Target("PUT", "/api/personas/fuzz-bot", "application/json", r -> "{\"id\":\"fuzz-bot\",\"name\":\"测试\"}"),
        new Target("POST", "/api/personas/validate", "text/yaml", r -> "version: 1\nid: fuzz-bot\ndisplayName: 测试\nbackground: 你好\n"),
        new Target("POST", "/api/personas/try", "application/json",
            r -> "{\"persona\":\"version: 1\\nid: fuzz-bot\\ndisplayName: x\\nbackground: y\\n\",\"history\":[{\"user\":\"你好\",\"bot\":\"嗯\"}],\"text\":\"你好\"}"),
        new Target("POST", "/api/personas/import/card-v2?validateOnly=true", "application/json",
            r -> "{\"spec\":\"chara_card_v2\",\"spec_version\":\"2.0\",\"data\":{\"name\":\"阿福\",\"description\":\"猫\"}}"),
        new Target("POST", "/api/admin/packs/fuzz-pack/import?format=triples&name=f.csv", "text/csv", r -> "entity,attribute,value\n甲,乙,丙\n"),
        new Target("POST", "/api/admin/packs/fuzz-pack/import?format=faq&name=f.jsonl", "application/octet-stream",
            r -> "{\"question\":\"几点开门？\",\"answer\":\"八点\"}\n"),
        new Target("POST", "/api/admin/packs/fuzz-pack/import?format=nonsense", "text/plain", r -> "x"),
        new Target("POST", "/api/admin/banks/fuzz-bank/import?name=b.tsv", "text/plain", r -> "你好\t你好呀\n"),
        new Target("PUT", "/api/personas/..%2F..%2Fetc%2Fpasswd", "text/yaml", r -> "id: x\nname: y\n"),
        new Target("POST", "/api/admin/packs/..%2Fclinic/import?format=triples&name=..%2F..%2Fx.csv", "text/csv",
            r -> "entity,attribute,value\n甲,乙,丙\n"),
        new Target("PUT", "/api/personas/fuzz-bot", "text/yaml", r -> ALIAS_BOMB),
        new Target("POST", "/v1/chat/completions", "application/json",
            r -> "{\"model\":\"xiaodai\",\"messages\":[{\"role\":\"user\",\"content\":\"你好\"}],\"stream\":false}"));
    List<String> personasBefore = given().when().get("/api/personas").then().statusCode(200).extract().path("personas.id");
    String clinicBefore = given().when().get("/api/admin/packs/clinic").then().statusCode(200).extract().asString();
    Map<Integer, Integer> statuses = new java.util.TreeMap<>();
    int requests = 0;
    for (int round = 0; round < ROUNDS; round++) {
      for (Target t : targets) {
        byte[] body = mutate(random, t.valid().apply(random));
        Response r = given().contentType(t.contentType()).body(body).when().request(t.method(), t.path());
        requests++;
        statuses.merge(r.statusCode(), 1, Integer::sum);
        String where = t.method() + " " + t.path() + " (seed " + SEED + ", round " + round + "): " + preview(body);
        assertTrue(r.statusCode() < 500, where + " -> " + r.statusCode() + " " + r.asString());
        if (r.statusCode() >= 400) {
          assertTrue(String.valueOf(r.contentType()).startsWith("application/problem+json"), where + " -> " + r.contentType());
          String detail = r.path("detail");
          assertTrue(detail != null && !detail.isBlank(), where + " -> no detail: " + r.asString());
        }
      }
    }
    assertTrue(requests >= 1000 || ROUNDS < 100, "only " + requests + " requests");
    System.out.println("FuzzTest: " + requests + " requests (seed " + SEED + "), by status: " + statuses);
    List<String> personasAfter = given().when().get("/api/personas").then().statusCode(200).extract().path("personas.id");
    assertTrue(personasAfter.containsAll(personasBefore), personasBefore + " -> " + personasAfter);
    assertEquals(clinicBefore, given().when().get("/api/admin/packs/clinic").then().statusCode(200).extract().asString(),
        "the shipped clinic pack is untouched");
    // nothing accepted before was lost, and the service still answers
    given().when().get("/api/sessions/" + session).then().statusCode(200)
        .body("turns[0].user", org.hamcrest.Matchers.equalTo("你好"));
    given().contentType(ContentType.JSON).body(Map.of("text", "你还好吗？")).when().post("/api/sessions/" + session + "/turns")
        .then().statusCode(200);
    given().when().delete("/api/admin/packs/fuzz-pack");
    given().when().delete("/api/personas/fuzz-bot");
  }

  /** YAML whose aliases would expand to a billion strings if a parser followed them. */
  static final String ALIAS_BOMB = """
      a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
      b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
      c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
      d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
      e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
      f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
      g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
      id: [*g,*g,*g,*g,*g,*g,*g,*g,*g]
      """;

  /** Text a user or a knowledge file might hold that means something to the prompt, the graph or a shell. */
  static final List<String> HOSTILE = List.of("[gMASK]", "[MASK]|B:[sMASK]", "A:|B:", "<|endoftext|>",
      "'}) MATCH (n) DETACH DELETE n //", "\" OR 1=1 --", "$(rm -rf /)", "../../etc/passwd", "{{char}}", "%s%n%x");

  /** One of many ways to spoil a valid body. */
  static byte[] mutate(Random r, String valid) {
    String s = switch (r.nextInt(15)) {
      case 14 -> valid.replace("你好", HOSTILE.get(r.nextInt(HOSTILE.size())))
          .replace("甲", HOSTILE.get(r.nextInt(HOSTILE.size())).replace("\"", "")); // means something elsewhere
      case 0 -> valid.substring(0, r.nextInt(valid.length() + 1)); // truncated
      case 1 -> "[".repeat(2000 + r.nextInt(3000)) + "]".repeat(r.nextInt(10)); // deeply nested
      case 2 -> "{\"text\":\"" + "长".repeat(2000 + r.nextInt(20000)) + "\"}"; // huge value
      case 3 -> valid.replaceFirst("\"[^\"]*\"(?=\\s*[,}])", randomValue(r)); // a value of another type
      case 4 -> randomValue(r);
      case 5 -> "";
      case 6 -> valid.replace("\"", r.nextBoolean() ? "'" : "");
      case 7 -> new String(randomBytes(r, 1 + r.nextInt(2000)), StandardCharsets.ISO_8859_1);
      case 8 -> valid.replace("你好", "\u0000\u0007\u001b[2J\u0085");
      case 9 -> valid.replace("你好", "\\ud800\\udfff\\udc00");
      case 10 -> "{" + "\"k\":1,".repeat(5000 + r.nextInt(5000)) + "\"text\":\"x\"}";
      case 11 -> valid + valid;
      case 12 -> valid.replace(":", ": {\"$ref\": \"#\"}, \"x\":");
      default -> flip(r, valid);
    };
    if (s.equals(valid)) s = s + "}";
    return r.nextInt(10) == 0 ? randomBytes(r, 1 + r.nextInt(4096)) : s.getBytes(r.nextInt(8) == 0 ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8);
  }

  static String randomValue(Random r) {
    return switch (r.nextInt(8)) {
      case 0 -> String.valueOf(r.nextLong());
      case 1 -> "1e" + r.nextInt(100000);
      case 2 -> "true";
      case 3 -> "null";
      case 4 -> "[" + r.nextInt() + ",{}]";
      case 5 -> "{\"a\":{\"b\":[]}}";
      case 6 -> "\"" + "\\u00" + Integer.toHexString(r.nextInt(32)) + "\"";
      default -> "-";
    };
  }

  static String flip(Random r, String s) {
    StringBuilder b = new StringBuilder(s);
    for (int i = 0; i < 1 + r.nextInt(4) && b.length() > 0; i++) b.setCharAt(r.nextInt(b.length()), (char) r.nextInt(0x3000));
    return b.toString();
  }

  static byte[] randomBytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  static String preview(byte[] body) {
    String s = new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8);
    return s.replaceAll("\\p{Cntrl}", "?") + (body.length > 120 ? "… (" + body.length + " bytes)" : "");
  }
}
