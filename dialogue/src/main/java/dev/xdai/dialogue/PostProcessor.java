package dev.xdai.dialogue;

import dev.xdai.prompting.PromptText;
import java.util.regex.Pattern;

/**
 * Step 7: turns the model's fill into a reply: cut at the first turn separator, strip speaker tags and control
 * tokens, trim; and judges whether the result is usable (not empty, not a repetition loop).
 */
public final class PostProcessor {

  private static final Pattern SPEAKER_TAG = Pattern.compile("^\\s*(?:[AB]|[^\\s:：|]{1,8})\\s*[:：]\\s*");
  private static final Pattern CONTROL = Pattern.compile("\\[(?:s?MASK|gMASK|sop|eop|pad|unk)]", Pattern.CASE_INSENSITIVE);

  private final int maxChars;

  public PostProcessor(int maxChars) {
    this.maxChars = maxChars;
  }

  /** The cleaned reply; {@code botName} is also stripped when the model prefixes it (e.g. {@code 小呆：}). */
  public String clean(String raw, String botName) {
    String s = raw == null ? "" : raw;
    int cut = s.indexOf(PromptText.SEPARATOR);
    if (cut >= 0) s = s.substring(0, cut);
    s = CONTROL.matcher(s).replaceAll("");
    s = s.strip();
    if (botName != null && !botName.isBlank() && (s.startsWith(botName + "：") || s.startsWith(botName + ":"))) {
      s = s.substring(botName.length() + 1);
    }
    if (s.length() > 1 && (s.startsWith("B:") || s.startsWith("A:") || s.startsWith("B：") || s.startsWith("A："))) s = s.substring(2);
    s = s.strip();
    if (s.codePointCount(0, s.length()) > maxChars) s = s.substring(0, s.offsetByCodePoints(0, maxChars));
    return s;
  }

  /** Why a cleaned reply cannot be used, or null when it can. */
  public String defect(String reply) {
    if (reply.isBlank()) return "empty";
    if (isLoop(reply)) return "repetition";
    return null;
  }

  /** A unit of 1..8 characters repeated back to back at least 4 times, or very few distinct characters in a long reply. */
  static boolean isLoop(String s) {
    int[] cp = s.codePoints().filter(c -> !Character.isWhitespace(c)).toArray();
    int n = cp.length;
    for (int unit = 1; unit <= 8; unit++) {
      int needed = unit * 4;
      if (needed > n) break;
      for (int start = 0; start + needed <= n; start++) {
        boolean repeats = true;
        for (int k = unit; k < needed && repeats; k++) repeats = cp[start + k] == cp[start + k % unit];
        if (repeats && !(unit == 1 && isPunctOrDigit(cp[start]))) return true;
      }
    }
    if (n >= 12) {
      long distinct = java.util.Arrays.stream(cp).distinct().count();
      return distinct * 4 < n;
    }
    return false;
  }

  private static boolean isPunctOrDigit(int c) {
    return Character.isDigit(c) || c == '.' || c == '。' || c == '!' || c == '！' || c == '?' || c == '？' || c == '~' || c == '哈';
  }
}
