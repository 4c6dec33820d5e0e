package dev.xdai.app;

import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.app.security.ApiKeys;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The web console with access control on, in a real headless Chromium: the page asks for a key once per browser
 * session, a chat key chats but gets a clear "admin key needed" on an admin page, an admin key opens it, and a key
 * limited to one bot starts its conversation with that bot. Keys exist
 * only while this test runs (the other tests share the service; see {@link AccessControlTest#KEYS}).
 */
@QuarkusTest
class ConsoleAccessBrowserTest {

  @TestHTTPResource("/") URL base;

  Browser browser;

  @RegisterExtension final TestWatcher failures = Browser.onFailure(() -> browser);
  String chatKey;
  String adminKey;
  String deskKey;

  @BeforeEach
  void keysAndBrowser() throws Exception {
    Files.deleteIfExists(AccessControlTest.KEYS);
    ApiKeys keys = new ApiKeys(AccessControlTest.KEYS);
    chatKey = keys.create("console-chat", ApiKeys.Role.CHAT, List.of()).secret();
    adminKey = keys.create("console-admin", ApiKeys.Role.ADMIN, List.of()).secret();
    deskKey = keys.create("console-desk", ApiKeys.Role.CHAT, List.of("receptionist")).secret();
    browser = new Browser(base.toString());
  }

  @AfterEach
  void accessControlOff() throws Exception {
    if (browser != null) browser.close();
    Files.deleteIfExists(AccessControlTest.KEYS);
  }

  private void enterKey(String key) {
    browser.visible("#key-dialog[open] #key-input").sendKeys(key);
    browser.find("#key-use").click();
  }

  @Test
  void aKeyIsAskedForOnceAndAChatKeyIsToldAdminPagesNeedAnAdminKey() {
    browser.open("/?lang=en");
    enterKey(chatKey); // the first API call was refused: the page asks, then carries on with the key
    browser.visible("#transcript .msg.greeting");
    browser.awaitText("#key-state", "key in use");

    browser.open("/knowledge?lang=en"); // same browser session: not asked again
    browser.visible("#admin-gate h1");
    assertTrue(browser.find("#admin-gate").getText().contains("admin key"), browser.find("#admin-gate").getText());
    assertFalse(browser.find("#page-body").isDisplayed());
    assertTrue(browser.all("#key-dialog[open]").isEmpty(), "a key given once is kept for the browser session");
    browser.screenshot("console-admin-only");

    browser.find("#admin-gate button").click(); // another key, an admin's, opens the page
    enterKey(adminKey);
    browser.visible("#pack-table tbody tr");
    assertFalse(browser.find("#admin-gate").isDisplayed());

    // a key for the front desk only: the chat page opens a conversation with the bot it may talk to
    browser.open("/?lang=en");
    browser.visible("#transcript .msg.greeting");
    browser.find("#key-button").click();
    enterKey(deskKey);
    browser.awaitText("#transcript .msg.greeting", "周敏");
    assertEquals("receptionist", browser.find("#bot").getAttribute("value"));
    assertTrue(browser.find("#chat-error").getText().isBlank(), browser.find("#chat-error").getText());
  }
}
