package dev.xdai.app.console;

import java.util.Locale;
import java.util.Optional;

/** The console's UI languages, and how a request chooses one: asked for, remembered in a cookie, or the browser's. */
public enum ConsoleLanguage {
  EN("en", "en", Locale.ENGLISH),
  ZH("zh", "zh-CN", Locale.CHINESE);

  /** The cookie that remembers a chosen language. */
  public static final String COOKIE = "xdai-lang";

  private final String code;
  private final String htmlLang;
  private final Locale locale;

  ConsoleLanguage(String code, String htmlLang, Locale locale) {
    this.code = code;
    this.htmlLang = htmlLang;
    this.locale = locale;
  }

  public String code() { return code; }

  /** The value of the page's {@code lang} attribute. */
  public String htmlLang() { return htmlLang; }

  public Locale locale() { return locale; }

  /** The language of this code ({@code en}, {@code zh}), if the console has it. */
  public static Optional<ConsoleLanguage> of(String code) {
    if (code == null) return Optional.empty();
    String c = code.trim().toLowerCase(Locale.ROOT);
    for (ConsoleLanguage l : values()) if (l.code.equals(c)) return Optional.of(l);
    return Optional.empty();
  }

  /**
   * The language for a request: the one asked for ({@code ?lang=}), else the remembered one (the cookie), else the
   * first of the browser's {@code Accept-Language} the console has, else English.
   */
  public static ConsoleLanguage choose(String asked, String remembered, String acceptLanguage) {
    Optional<ConsoleLanguage> chosen = of(asked).or(() -> of(remembered));
    if (chosen.isPresent()) return chosen.get();
    if (acceptLanguage != null) {
      try {
        for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
          Optional<ConsoleLanguage> l = of(range.getRange().split("-")[0]);
          if (l.isPresent()) return l.get();
        }
      } catch (IllegalArgumentException malformed) {
        // a malformed header chooses nothing
      }
    }
    return EN;
  }
}
