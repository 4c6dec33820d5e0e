package dev.xdai.dialogue.answer;

import dev.xdai.retrieval.ChineseText;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The part of a knowledge answer a reply quotes: the whole value when it fits, else whole clauses (cut after 。！？；
 * or, within a first sentence that is too long, after ，、), so that a number, a date, a phone number or a name is
 * never cut. The clauses start at the value's beginning, or at the sentence the utterance asks about (补牙 in 那补牙呢
 * against 洗牙每次150元；补牙按材料收费): the span is always a verbatim run of the value starting at a sentence,
 * stripped of surrounding white space and of a trailing comma.
 */
public final class QuoteSpan {

  private static final String SENTENCE_ENDS = "。！？；!?;\n";
  private static final String CLAUSE_ENDS = "，、,：:";

  private QuoteSpan() {}

  /**
   * The span of {@code value} to quote within about {@code maxChars} code points, from the sentence that shares the
   * most character bigrams with {@code utterance} (the first of equals) when the first sentence shares none, even when
   * the whole value would fit: the user asked about that sentence; otherwise from the value's start. Bigrams of
   * {@code known} (the item's question and subject: what the whole value answers) do not count.
   */
  public static String of(String value, int maxChars, String utterance, String known) {
    String v = value.strip();
    if (utterance == null || utterance.isBlank()) return of(v, maxChars);
    Set<String> asked = new java.util.HashSet<>(ChineseText.bigrams(utterance));
    if (known != null) asked.removeAll(ChineseText.bigrams(known));
    List<Integer> starts = new ArrayList<>();
    List<Integer> shares = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= v.length(); i++) {
      if (i < v.length() && !boundary(v, i, SENTENCE_ENDS)) continue;
      int stop = Math.min(v.length(), i + 1);
      Set<String> sentence = ChineseText.bigrams(v.substring(start, stop));
      int shared = 0;
      for (String b : sentence) if (asked.contains(b)) shared++;
      // A sentence the user has just said is not said back: the answer goes on after it.
      if (!sentence.isEmpty() && shared >= 0.6 * sentence.size()) shared = -1;
      starts.add(start);
      shares.add(shared);
      start = stop;
      if (start >= v.length()) break;
    }
    // The first sentence, when it names anything asked, is where the answer starts (it usually names the subject).
    if (shares.get(0) > 0) return of(v, maxChars);
    int best = -1;
    int lastSaid = -1;
    for (int s = 0; s < starts.size(); s++) {
      if (shares.get(s) > 0 && (best < 0 || shares.get(s) > shares.get(best))) best = s;
      if (shares.get(s) < 0) lastSaid = s;
    }
    if (best < 0 && lastSaid >= 0 && lastSaid + 1 < starts.size()) best = lastSaid + 1;
    return best <= 0 ? of(v, maxChars) : of(v.substring(starts.get(best)), maxChars);
  }

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
