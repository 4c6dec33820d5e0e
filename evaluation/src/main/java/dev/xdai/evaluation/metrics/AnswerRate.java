package dev.xdai.evaluation.metrics;

import java.util.List;

/**
 * {@code answer_rate}: whether a reply says a gold value: the value itself, or for a value longer than
 * {@value #LONG_VALUE_CHARS} characters its first {@value #LONG_VALUE_CHARS}, compared on {@link CharText#normalise}d
 * text (white space removed).
 */
public final class AnswerRate {

  /** A longer value counts as said when its start of this many characters is. */
  static final int LONG_VALUE_CHARS = 20;

  private AnswerRate() {}

  public static boolean answers(String reply, List<String> goldValues) {
    String said = CharText.normalise(reply);
    for (String v : goldValues) {
      String value = CharText.cut(CharText.normalise(v), LONG_VALUE_CHARS);
      if (!value.isEmpty() && said.contains(value)) return true;
    }
    return false;
  }
}
