package dev.xdai.app;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which {@code .ci/browser.sh}
 * installs) driven by Selenium, for the web console's end-to-end tests: explicit waits, screenshots, and the console's
 * own checks (a phone-sized window, a label for every control).
 *
 * <p>Screenshots go to {@code app/target/screenshots}; with {@code -Dconsole.screenshots.update=true} they also replace
 * the committed ones in {@code docs/img/console-*.png}.
 */
final class Browser implements AutoCloseable {

  static final Path BINARY = Path.of(System.getProperty("browser.binary", "/usr/bin/chromium"));
  static final Path DRIVER = Path.of(System.getProperty("browser.driver", "/usr/bin/chromedriver"));
  /** Turns run the real model on a shared machine: a reply may take several seconds. */
  static final Duration PATIENCE = Duration.ofSeconds(90);

  final ChromeDriver driver;
  final String base;

  Browser(String base) {
    assertTrue(Files.isExecutable(BINARY) && Files.isExecutable(DRIVER),
        "no Chromium at " + BINARY + " or no chromedriver at " + DRIVER + ": run .ci/browser.sh (it installs Debian's chromium and "
            + "chromium-driver), or name them with -Dbrowser.binary and -Dbrowser.driver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY.toFile());
    // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1200",
        "--lang=en-US", "--force-device-scale-factor=1");
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL")); // the page's console, for failure reports
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    this.driver = new ChromeDriver(service, options);
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  WebDriver open(String path) {
    driver.get(base + path);
    return driver;
  }

  <T> T await(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, PATIENCE).until(condition);
  }

  WebElement visible(String css) {
    return await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** Waits until the element's text contains {@code text}. */
  void awaitText(String css, String text) {
    await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  Object script(String js, Object... args) {
    return driver.executeScript(js, args);
  }

  /** The tallest screenshot taken, in CSS pixels: a long page is cut there. */
  static final int MAX_SHOT_HEIGHT = 2000;

  /**
   * Saves a screenshot of the whole page (not only the window; cut at {@value #MAX_SHOT_HEIGHT} px) as
   * {@code <name>.png}, and into docs/img when asked to refresh those.
   */
  @SuppressWarnings("unchecked")
  Path screenshot(String name) {
    try {
      Path dir = Path.of(System.getProperty("user.dir"), "target", "screenshots");
      Files.createDirectories(dir);
      Path file = dir.resolve(name + ".png");
      Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
      Map<String, Number> size = (Map<String, Number>) metrics.get("cssContentSize");
      Map<String, Number> view = (Map<String, Number>) metrics.get("cssLayoutViewport");
      Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", view.get("clientWidth"),
          "height", Math.min(MAX_SHOT_HEIGHT, size.get("height").doubleValue()), "scale", 1);
      Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
          Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
      Files.write(file, java.util.Base64.getDecoder().decode((String) shot.get("data")));
      if (Boolean.getBoolean("console.screenshots.update")) {
        Path docs = Path.of(System.getProperty("xdai-project.root"), "docs", "img");
        Files.createDirectories(docs);
        Files.copy(file, docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lays the page out as a phone of that width would (Chromium's device emulation), until {@link #desktop}. */
  void phone(int width) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", 812, "deviceScaleFactor", 1, "mobile", true));
  }

  void desktop() {
    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    driver.manage().window().setSize(new Dimension(1400, 1200));
  }

  /** The controls of the page that no label names (by {@code <label for>}, wrapping label, or aria-label): none expected. */
  @SuppressWarnings("unchecked")
  List<String> unlabelledControls() {
    return (List<String>) script("""
        return [...document.querySelectorAll('input, select, textarea, button')]
          .filter(c => c.type !== 'hidden' && !(c.labels && c.labels.length) && !c.getAttribute('aria-label')
            && !(c.tagName === 'BUTTON' && c.textContent.trim()))
          .map(c => c.outerHTML.slice(0, 120));""");
  }

  /**
   * How far the page is wider than its layout viewport, in CSS pixels (0 or less: nothing to scroll sideways). The
   * layout viewport, not the window: a phone zooms out to show a page too wide for it, so the window grows with it.
   */
  long overflow() {
    return ((Number) script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue();
  }

  /** The innermost elements that reach beyond the layout viewport: what makes a page too wide. */
  @SuppressWarnings("unchecked")
  List<String> tooWide() {
    return (List<String>) script("""
        const width = document.documentElement.clientWidth;
        const wide = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > width + 1);
        return wide.filter(e => !wide.some(o => o !== e && e.contains(o))).slice(0, 5)
          .map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));""");
  }

  /** Saves what a failed test's browser showed (a screenshot, the page's console) next to the screenshots. */
  static TestWatcher onFailure(Supplier<Browser> browser) {
    return new TestWatcher() {
      @Override
      public void testFailed(ExtensionContext context, Throwable cause) {
        Browser b = browser.get();
        if (b == null) return;
        String name = "failed-" + context.getRequiredTestMethod().getName();
        try {
          Path shot = b.screenshot(name);
          String console = b.driver.manage().logs().get("browser").getAll().stream().map(Object::toString)
              .collect(java.util.stream.Collectors.joining("\n"));
          Files.writeString(shot.resolveSibling(name + ".log"), b.driver.getCurrentUrl() + "\n" + console);
        } catch (RuntimeException | IOException e) {
          cause.addSuppressed(e);
        }
      }
    };
  }

  @Override
  public void close() {
    driver.quit();
  }
}
