package dev.xdai.app.console;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ConsoleLanguageTest {

  @Test
  void askedBeatsRememberedBeatsTheBrowsersWhichBeatsEnglish() {
    assertEquals(ConsoleLanguage.ZH, ConsoleLanguage.choose("zh", "en", "en-US"));
    assertEquals(ConsoleLanguage.EN, ConsoleLanguage.choose(null, "en", "zh-CN"));
    assertEquals(ConsoleLanguage.ZH, ConsoleLanguage.choose(null, null, "fr-FR, zh-TW;q=0.8, en;q=0.5"));
    assertEquals(ConsoleLanguage.EN, ConsoleLanguage.choose(null, null, "de, fr"));
    assertEquals(ConsoleLanguage.EN, ConsoleLanguage.choose(null, null, null));
  }

  @Test
  void unknownOrMalformedChoicesAreIgnored() {
    assertEquals(ConsoleLanguage.ZH, ConsoleLanguage.choose("klingon", " ZH ", null));
    assertEquals(ConsoleLanguage.EN, ConsoleLanguage.choose("", "", ";;q=x,"));
    assertEquals("zh-CN", ConsoleLanguage.ZH.htmlLang());
  }
}
