package dev.xdai.retrieval;

import java.util.HashSet;
import java.util.Set;

/**
 * The one place for how Chinese text is folded before matching: full-width ASCII and the ideographic space become their
 * half-width forms and Latin letters are lower-cased, character by character, so offsets in the folded text are offsets
 * in the original. Also the character bigrams that context overlap and near-duplicate checks compare.
 */
public final class ChineseText {

  private ChineseText() {}

  /** Folds one character: full-width ASCII (U+FF01..U+FF5E) to ASCII, U+3000 to a space, then lower case. */
  public static char fold(char c) {
    if (c >= '\uFF01' && c <= '\uFF5E') c = (char) (c - 0xFEE0);
    else if (c == '\u3000') c = ' ';
    return Character.toLowerCase(c);
  }

  /** Folds every character; the result has the same length as the input. */
  public static String fold(String s) {
    char[] out = new char[s.length()];
    for (int i = 0; i < out.length; i++) out[i] = fold(s.charAt(i));
    return new String(out);
  }

  /** Letters and digits (Chinese characters are letters), the characters that carry content. */
  public static boolean isContent(char c) {
    return Character.isLetterOrDigit(c);
  }

  /** An ASCII letter or digit: Latin words are written without spaces around Chinese but must not be cut inside. */
  public static boolean isLatinWordChar(char c) {
    return c < 128 && Character.isLetterOrDigit(c);
  }

  /** The folded text with everything but letters and digits removed: what "the same text" means here. */
  public static String contentOnly(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = fold(s.charAt(i));
      if (isContent(c)) b.append(c);
    }
    return b.toString();
  }

  /** The distinct bigrams of {@link #contentOnly}; a single content character counts as its own bigram. */
  public static Set<String> bigrams(String s) {
    String c = contentOnly(s);
    Set<String> out = new HashSet<>();
    if (c.length() == 1) out.add(c);
    for (int i = 0; i + 1 < c.length(); i++) out.add(c.substring(i, i + 2));
    return out;
  }

  /**
   * Function words that say nothing about a topic: BM25 ignores them (else 的 alone would match half the index) and
   * context overlap ignores the one-character ones. Question words (哪里, 多少, 谁) stay: they say what is asked.
   */
  public static final Set<String> FUNCTION_WORDS = Set.of(
      "的", "地", "得", "了", "着", "过", "是", "在", "和", "与", "及", "或", "也", "就", "都", "还", "又", "而", "但",
      "吗", "呢", "吧", "啊", "呀", "哦", "嘛", "么", "什么", "怎么", "怎样", "怎么样", "如何", "这", "那", "这个", "那个",
      "这些", "那些", "个", "我", "你", "他", "她", "它", "我们", "你们", "他们", "她们", "它们", "请问", "一下", "把", "被",
      "给", "让", "对", "从", "到", "为", "很", "们", "些", "一", "有", "没", "不");

  /** The distinct content characters of a text, function characters aside: weak topic evidence (酸 and 甜 in 酸甜). */
  public static Set<String> topicChars(String s) {
    String c = contentOnly(s);
    Set<String> out = new HashSet<>();
    for (int i = 0; i < c.length(); i++) {
      String ch = String.valueOf(c.charAt(i));
      if (!FUNCTION_WORDS.contains(ch)) out.add(ch);
    }
    return out;
  }

  /** Jaccard similarity of two bigram sets (1 for two empty sets). */
  public static double jaccard(Set<String> a, Set<String> b) {
    if (a.isEmpty() && b.isEmpty()) return 1;
    int common = 0;
    for (String x : a.size() <= b.size() ? a : b) if ((a.size() <= b.size() ? b : a).contains(x)) common++;
    return common / (double) (a.size() + b.size() - common);
  }
}
