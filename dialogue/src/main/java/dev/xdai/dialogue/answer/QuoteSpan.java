package dev.xdai.dialogue.answer;

/**
 * The part of a knowledge answer a reply quotes: the whole value when it fits, else its leading whole clauses (cut
 * after 。！？； or, within a first sentence that is too long, after ，、), so that a number, a date, a phone number or
 * a name is never cut. The span is always a verbatim prefix of the value, stripped of surrounding white space and of a
 * trailing comma.
 */
public final class QuoteSpan {

  private static final String SENTENCE_ENDS = "。！？；!?;\n";
  private static final String CLAUSE_ENDS = "，、,：:";

  private QuoteSpan() {}

  /** The span of {@code value} to quote within about {@code maxChars} code points. */
  public static String of(String value, int maxChars) {
    if (maxChars < 1) throw new IllegalArgumentException("maxChars must be positive");
    String v = value.strip();
    if (v.codePointCount(0, v.length()) <= maxChars) return trimEnd(v);
    int end = lastEndWithin(v, SENTENCE_ENDS, maxChars);
    if (end < 0) end = lastEndWithin(v, CLAUSE_ENDS, maxChars);
    // A first clause longer than the budget is quoted whole: cutting it could cut a number or a name.
    if (end < 0) end = firstEnd(v);
    return trimEnd(v.substring(0, end));
  }

  /** The end (exclusive) of the last clause that ends at one of {@code ends} within {@code maxChars}; -1 if none. */
  private static int lastEndWithin(String v, String ends, int maxChars) {
    int best = -1;
    int count = 0;
    for (int i = 0; i < v.length() && count < maxChars; i = v.offsetByCodePoints(i, 1), count++) {
      if (boundary(v, i, ends)) best = i + 1;
    }
    return best;
  }

  private static int firstEnd(String v) {
    for (int i = 1; i < v.length(); i++) if (boundary(v, i, SENTENCE_ENDS + CLAUSE_ENDS)) return i + 1;
    return v.length();
  }

  /**
   * Whether the character at {@code i} ends a clause: one of {@code ends}, not first, and not inside a number or a word
   * (8:30, 1,000 and 3.5 go on).
   */
  private static boolean boundary(String v, int i, String ends) {
    if (i == 0 || ends.indexOf(v.charAt(i)) < 0) return false;
    boolean inside = i + 1 < v.length() && Character.isLetterOrDigit(v.charAt(i - 1)) && Character.isLetterOrDigit(v.charAt(i + 1));
    return !(inside && v.charAt(i) < 128);
  }

  private static String trimEnd(String s) {
    String t = s.strip();
    while (!t.isEmpty() && (CLAUSE_ENDS + "；;\n").indexOf(t.charAt(t.length() - 1)) >= 0) t = t.substring(0, t.length() - 1).strip();
    return t;
  }
}
