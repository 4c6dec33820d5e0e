package dev.xdai.evaluation.metrics;

import java.util.HashSet;
import java.util.Set;

/**
 * {@code hallucinated_numbers}: whether a reply contains a number (a maximal run of decimal digits, any script's
 * digits read as their value) that occurs as a whole number neither in the prompt's knowledge nor in the context.
 * Numbers compare by value, so {@code 06} and {@code 6} are the same number; a digit run inside a longer run does not
 * count as occurring ({@code 24} is not grounded by {@code 2024}).
 */
public final class HallucinatedNumbers {

  private HallucinatedNumbers() {}

  /** True when {@code reply} has a number that none of {@code grounding} has. */
  public static boolean hallucinated(String reply, Iterable<String> grounding) {
    Set<String> inReply = numbers(reply);
    if (inReply.isEmpty()) return false;
    Set<String> known = new HashSet<>();
    for (String text : grounding) known.addAll(numbers(text));
    return !known.containsAll(inReply);
  }

  /** The numbers of {@code text} in canonical form: ASCII digits without leading zeros. */
  public static Set<String> numbers(String text) {
    Set<String> out = new HashSet<>();
    if (text == null) return out;
    StringBuilder run = new StringBuilder();
    text.codePoints().forEach(cp -> {
      int digit = Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER ? Character.digit(cp, 10) : -1;
      if (digit >= 0) {
        run.append((char) ('0' + digit));
      } else if (!run.isEmpty()) {
        out.add(canonical(run));
        run.setLength(0);
      }
    });
    if (!run.isEmpty()) out.add(canonical(run));
    return out;
  }

  private static String canonical(CharSequence digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') i++;
    return digits.subSequence(i, digits.length()).toString();
  }
}
