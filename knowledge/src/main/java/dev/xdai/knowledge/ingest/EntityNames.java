package dev.xdai.knowledge.ingest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Entity naming convention of KdConv (and of this project): the full name may carry a disambiguation in full-width
 * brackets, {@code 恋恋笔记本（美国2004年尼克·卡索维茨导演爱情片）}; it is shown cut at the first {@code （} and the full
 * name is kept as an alias.
 */
public final class EntityNames {
  private EntityNames() {}

  /**
   * The name to show and to put in questions: the full name cut at the first {@code （}, trimmed; the full name when
   * the cut one has no letter, digit or ideograph (an album called {@code ？（陈奕迅2011年发行专辑）}), since a question
   * about {@code ？} would read like a question about nothing and match every generic question.
   */
  public static String display(String fullName) {
    String name = fullName.strip();
    int cut = name.indexOf('（');
    String display = cut > 0 ? name.substring(0, cut).strip() : name;
    return display.codePoints().anyMatch(Character::isLetterOrDigit) ? display : name;
  }

  /**
   * The names the entity linker should know: the display name, its title and subtitle when it has both (终结者2：审判日
   * is talked about as 终结者2; 大闹天宫-中国动画经典 as 大闹天宫), and the full name; each once.
   */
  public static List<String> aliases(String fullName) {
    Set<String> names = new LinkedHashSet<>();
    String display = display(fullName);
    names.add(display);
    names.addAll(titleParts(display));
    names.add(fullName.strip());
    return List.copyOf(names);
  }

  /**
   * The parts of a name split once at its first title separator (a colon or a dash), when both parts are names on
   * their own: at least two letters, digits or ideographs each, with at least one ideograph on each side, so that a
   * Latin name such as {@code Jay-Z} or {@code AC-DC} stays whole. Empty when the name has no such split.
   */
  static List<String> titleParts(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (TITLE_SEPARATORS.indexOf(name.charAt(i)) < 0) continue;
      String title = name.substring(0, i).strip();
      String subtitle = name.substring(i + 1).strip();
      return isPart(title) && isPart(subtitle) ? List.of(title, subtitle) : List.of();
    }
    return List.of();
  }

  private static final String TITLE_SEPARATORS = "：:-－—";

  private static boolean isPart(String part) {
    return part.codePoints().filter(Character::isLetterOrDigit).count() >= 2
        && part.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
  }

  /** Whitespace normalised to single spaces, trimmed; null becomes empty. */
  public static String clean(String text) {
    if (text == null) return "";
    if (isClean(text)) return text; // the common case: no copy
    StringBuilder out = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isSpace(c)) {
        space = out.length() > 0;
      } else {
        if (space) out.append(' ');
        space = false;
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isClean(String text) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == ' ') {
        if (i == 0 || i == n - 1 || text.charAt(i - 1) == ' ') return false;
      } else if (isSpace(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || c == '\u00a0' || c == '\u3000';
  }
}
