package dev.xdai.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.app.console.ConsoleLanguage;
import dev.xdai.app.console.ConsoleText;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The web console's pages over real HTTP: served in the language asked for, and every text translated. */
@QuarkusTest
class ConsolePagesTest {

  @Inject ConsoleText text;

  /** Texts that read the same in both languages. */
  static final Set<String> SAME_IN_BOTH = Set.of("list_bm25", "persona_yaml");
  static final Pattern PLACEHOLDER = Pattern.compile("%\\d");

  @Test
  void pagesComeInTheLanguageAskedForRememberedOrTheBrowsers() {
    for (String page : List.of("/", "/personas", "/knowledge", "/status")) {
      given().when().get(page).then().statusCode(200).contentType(containsString("text/html"))
          .header("Content-Security-Policy", containsString("script-src 'self'"))
          .body(containsString("<html lang=\"en\">"));
    }
    given().header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8").when().get("/").then().statusCode(200)
        .body(containsString("<html lang=\"zh-CN\">"), containsString("新建会话"));
    String cookie = given().when().get("/personas?lang=zh").then().statusCode(200).body(containsString("新建角色"))
        .extract().cookie("xdai-lang");
    assertEquals("zh", cookie);
    given().cookie("xdai-lang", "zh").header("Accept-Language", "en").when().get("/status").then()
        .body(containsString("<html lang=\"zh-CN\">"));
    given().header("Accept-Language", "fr;q=x,,").when().get("/").then().statusCode(200).body(containsString("<html lang=\"en\">"));
    // the scripts' text is the same bundle, as JSON that cannot end the script element
    given().when().get("/?lang=zh").then().body(containsString("\"send\":\"发送\""));
    given().when().get("/console/chat.js").then().statusCode(200);
    given().when().get("/console/console.css").then().statusCode(200);
  }

  @Test
  void everyTextHasItsChineseWithTheSamePlaceholders() {
    Map<String, String> en = text.messages(ConsoleLanguage.EN);
    Map<String, String> zh = text.messages(ConsoleLanguage.ZH);
    assertEquals(en.keySet(), zh.keySet());
    assertTrue(en.size() > 100, "the bundle was read: " + en.size());
    for (String key : en.keySet()) {
      if (!SAME_IN_BOTH.contains(key)) assertNotEquals(en.get(key), zh.get(key), key + " is not translated");
      assertEquals(placeholders(en.get(key)), placeholders(zh.get(key)), key);
    }
  }

  private static Set<String> placeholders(String message) {
    Set<String> found = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(message);
    while (m.find()) found.add(m.group());
    return found;
  }
}
