package dev.xdai.evaluation.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * The one place that says what a "character" is for the text figures: a Unicode code point, whitespace removed
 * (ASCII and Unicode spaces, including no-break and ideographic spaces).
 */
public final class CharText {

  private CharText() {}

  /** The code points of {@code text} without whitespace. */
  public static int[] chars(String text) {
    if (text == null) return new int[0];
    return text.codePoints().filter(cp -> !isSpace(cp)).toArray();
  }

  /** {@code text} with whitespace removed. */
  public static String normalise(String text) {
    int[] cps = chars(text);
    return new String(cps, 0, cps.length);
  }

  /** The number of characters of {@code text} (code points, whitespace removed). */
  public static int length(String text) { return chars(text).length; }

  /** The first {@code max} code points of {@code text} (whitespace kept: this cuts display text, not figures). */
  public static String cut(String text, int max) {
    if (text == null) return "";
    int count = text.codePointCount(0, text.length());
    return count <= max ? text : text.substring(0, text.offsetByCodePoints(0, max));
  }

  /** How often each character {@code n}-gram occurs in {@code cps} (an n-gram is the string of n consecutive code points). */
  public static Map<String, Integer> ngramCounts(int[] cps, int n) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i + n <= cps.length; i++) counts.merge(new String(cps, i, n), 1, Integer::sum);
    return counts;
  }

  /** The number of {@code n}-grams in a text of {@code length} characters. */
  public static int ngramTotal(int length, int n) { return Math.max(0, length - n + 1); }

  private static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
  }
}
