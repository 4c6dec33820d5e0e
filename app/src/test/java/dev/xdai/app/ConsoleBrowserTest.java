package dev.xdai.app;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console in a real headless Chromium against the real service (model, graph server, indexes): chat with a
 * streamed reply and its knowledge, a persona with an error shown at its field and line then fixed and saved, a small
 * pack imported and found by search, the status page in Chinese, and every page at a phone's width. Each test saves
 * a screenshot of its page (docs/console.md).
 */
@QuarkusTest
class ConsoleBrowserTest {

  @TestHTTPResource("/") URL base;

  static Browser browser;

  @RegisterExtension static final TestWatcher FAILURES = Browser.onFailure(() -> browser);

  @BeforeEach
  void startOnce() {
    if (browser == null) browser = new Browser(base.toString());
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.close();
    browser = null;
  }

  @Test
  void aChatStreamsTheReplyAndShowsItsKnowledge() {
    browser.open("/?lang=en");
    browser.visible("#session-list li.current"); // a conversation is open: a new one, or this tab's last
    new Select(browser.find("#bot")).selectByValue("receptionist");
    browser.awaitText("#transcript .msg.greeting", "周敏");
    // Every text the first reply shows is noted, in order (a replaced text node keeps its text): streamed tokens show
    // before the whole turn arrives, so the reply is shown at least twice; a reply shown only once complete, once.
    browser.script("""
        window.shown = [];
        new MutationObserver(records => records.forEach(r => {
          const li = r.target.closest && r.target.closest('.msg.bot[data-index="0"]');
          if (li && r.target.classList.contains('text')) r.addedNodes.forEach(n => n.nodeType === 3 && window.shown.push(n.data));
        })).observe(document.getElementById('transcript'), {subtree: true, childList: true});""");
    WebElement say = browser.find("#say");
    say.sendKeys("洗牙多少钱？");
    say.sendKeys(Keys.ENTER); // the keyboard sends
    WebElement reply = browser.visible("#transcript .msg.bot[data-index='0']:not(.pending) .badge");
    String text = (String) browser.script("return document.querySelector(\"#transcript .msg.bot[data-index='0'] .text\").textContent;");
    assertFalse(text.isBlank());
    List<?> shown = (List<?>) browser.script("return window.shown;");
    assertTrue(shown.size() >= 2, "the reply was shown only once complete, not as it streamed: " + shown);
    assertEquals(text, shown.get(shown.size() - 1));
    assertFalse(reply.getText().isBlank()); // its mode
    // beside it: the knowledge the turn injected, with pack and score
    browser.awaitText("#grounding .knowledge-list", "clinic");
    List<WebElement> rows = browser.all("#grounding .knowledge-list li");
    assertFalse(rows.isEmpty());
    assertTrue(rows.stream().anyMatch(r -> r.getText().contains("洗牙")), rows.get(0).getText());
    assertTrue(browser.find("#grounding").getText().contains("generate"), "per-step timings");
    // the prompt, in its coloured parts
    browser.find("#show-prompt").click();
    browser.visible("#grounding .prompt .part-utterance");
    assertTrue(browser.find("#grounding .prompt .part-utterance").getText().contains("洗牙多少钱"));
    assertFalse(browser.all("#grounding .prompt .part-knowledge").isEmpty());
    assertFalse(browser.all("#grounding .prompt .part-blank").isEmpty());
    // a second turn selects the first as history, and the transcript marks it
    say.sendKeys("那补牙呢？" + Keys.ENTER);
    browser.visible("#transcript .msg.bot[data-index='1']:not(.pending) .badge");
    assertFalse(browser.all("#transcript .msg.user.used[data-index='0']").isEmpty(), "the selected history turn is highlighted");
    browser.visible("#session-list li.current");
    browser.find("#transcript .msg.bot[data-index='0'] .why").click(); // back to the first reply's grounding
    browser.visible("#grounding .prompt");
    browser.screenshot("console-chat");
  }

  @Test
  void aPersonaWithAnErrorIsShownAtItsFieldAndLineThenFixedAndSaved() {
    given().when().delete("/api/personas/console-tester"); // from an earlier run, if any
    browser.open("/personas?lang=en");
    browser.visible("#persona-list li");
    browser.find("#new-persona").click();
    browser.find("#f-id").sendKeys("console-tester");
    browser.find("#f-background").sendKeys("我是控制台测试用的角色，说话简短。");
    // no display name: the problem is shown at the field, and at its line in the YAML
    browser.await(ExpectedConditions.attributeToBe(By.id("f-displayName"), "aria-invalid", "true"));
    assertFalse(browser.find("#e-displayName").getText().isBlank());
    browser.awaitText("#yaml-errors", "displayName");
    assertEquals(List.of("1"), browser.all("#yaml-gutter .bad").stream().map(WebElement::getText).toList(),
        "a missing field is marked at the start of the mapping that should hold it, beside the YAML");
    assertTrue(browser.find("#yaml").getAttribute("value").contains("id: console-tester"), "the YAML follows the form");
    browser.screenshot("console-personas-error");
    // fixed in the form, the problem goes; an edit of the YAML reaches the form
    browser.find("#f-displayName").sendKeys("测试员");
    browser.await(d -> browser.find("#f-displayName").getAttribute("aria-invalid") == null);
    browser.awaitText("#editor-status", "Valid");
    WebElement yaml = browser.find("#yaml");
    yaml.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), "greeting: 你好，我是测试员。");
    browser.await(d -> "你好，我是测试员。".equals(browser.find("#f-greeting").getAttribute("value")));
    browser.find("#save").click();
    browser.awaitText("#editor-status", "console-tester");
    browser.visible("#persona-list li[data-id='console-tester']");
    given().when().get("/api/personas/console-tester").then().statusCode(200)
        .body("displayName", org.hamcrest.Matchers.equalTo("测试员")).body("greeting", org.hamcrest.Matchers.equalTo("你好，我是测试员。"));
    // tried before saving again: the side chat answers as the persona in the editor
    browser.find("#try-say").sendKeys("你是谁？");
    browser.find("#try-send").click();
    browser.visible("#try-transcript .msg.bot .badge");
    browser.screenshot("console-personas");
    given().when().delete("/api/personas/console-tester").then().statusCode(204);
  }

  @Test
  void aSmallPackIsImportedAndItsItemFoundBySearchAndInTheGraph() throws Exception {
    given().when().delete("/api/admin/packs/console-cafe");
    Path csv = Path.of(System.getProperty("user.dir"), "target", "console-cafe.csv");
    Files.writeString(csv, "entity,attribute,value\n星河咖啡馆,招牌饮品,桂花拿铁\n星河咖啡馆,营业时间,每天早上七点到晚上十点\n"
        + "星河咖啡馆,地址,梧桐街12号\n桂花拿铁,价格,二十八元\n", StandardCharsets.UTF_8);
    browser.open("/knowledge?lang=en");
    browser.visible("#pack-table tbody tr");
    browser.find("#upload-pack").sendKeys("console-cafe");
    new Select(browser.find("#upload-format")).selectByValue("triples");
    browser.find("#upload-file").sendKeys(csv.toString());
    browser.find("#upload-button").click();
    browser.awaitText("#upload-state", "Imported into console-cafe");
    browser.visible("#pack-table tr[data-pack='console-cafe']");
    // searched as a turn searches it: ranked, scored, and which list found each item
    assertEquals("console-cafe", new Select(browser.find("#search-pack")).getFirstSelectedOption().getAttribute("value"));
    browser.find("#search-q").sendKeys("星河咖啡馆的招牌饮品是什么");
    browser.find("#search-button").click();
    browser.visible("#search-results tbody tr");
    WebElement first = browser.find("#search-results tbody tr");
    assertTrue(first.getText().contains("桂花拿铁"), first.getText());
    assertFalse(first.findElements(By.cssSelector(".badge")).isEmpty(), "the lists that found it");
    // and the entity in the graph, with what its facts link it to
    browser.find("#entity-name").sendKeys("星河咖啡馆");
    browser.find("#entity-button").click();
    browser.visible("#neighbourhood svg .node-center");
    browser.awaitText("#neighbourhood .neighbourhood-lists", "桂花拿铁");
    browser.screenshot("console-knowledge");
    given().when().delete("/api/admin/packs/console-cafe").then().statusCode(204);
  }

  @Test
  void theStatusPageShowsHealthAndChartsInChinese() {
    browser.open("/status?lang=zh");
    assertEquals("zh-CN", browser.find("html").getAttribute("lang"));
    browser.visible("#health li.status-up");
    browser.visible("#chart-steps svg");
    assertTrue(browser.find("#health").getText().contains("模型"), browser.find("#health").getText());
    browser.visible("#chart-turns svg");
    browser.screenshot("console-status");
    new Select(browser.find("#lang")).selectByValue("en"); // switched back, by the page's own control
    browser.await(d -> "en".equals(browser.find("html").getAttribute("lang")));
    browser.visible("#health li");
  }

  @Test
  void everyPageFitsAPhoneAndLabelsEveryControl() {
    try {
      browser.phone(375);
      for (String page : List.of("/", "/personas", "/knowledge", "/status")) {
        browser.open(page + "?lang=en");
        browser.visible(page.equals("/") ? "#transcript .msg" : "#page-body .panel");
        assertEquals(List.of(), browser.unlabelledControls(), page);
        assertTrue(browser.overflow() <= 0, page + " is wider than a 375 px phone by " + browser.overflow() + " px: " + browser.tooWide());
        if (page.equals("/")) browser.screenshot("console-chat-phone");
      }
    } finally {
      browser.desktop();
    }
  }
}
