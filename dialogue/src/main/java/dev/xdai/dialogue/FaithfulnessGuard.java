package dev.xdai.dialogue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flags facts in a reply that nothing grounds: numbers that appear neither in the injected knowledge nor in the
 * dialogue. A run of digits counts as grounded only by the same whole number (24 is not grounded by 2024; 06 is by
 * 6); a run of Chinese numerals by the same characters anywhere. The pipeline never says a reply it flags.
 */
public final class FaithfulnessGuard {

  private static final Pattern NUMBER = Pattern.compile("\\d+|[零〇一二三四五六七八九十百千万亿两]{2,}");
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  /** The numbers in {@code reply} that occur in none of {@code grounds}. */
  public List<String> unsupportedNumbers(String reply, List<String> grounds) {
    Set<String> out = new LinkedHashSet<>();
    String all = String.join("\n", grounds);
    Set<String> known = wholeNumbers(all);
    Matcher m = NUMBER.matcher(reply);
    while (m.find()) {
      String n = m.group();
      boolean digits = Character.isDigit(n.charAt(0));
      if (digits ? !known.contains(canonical(n)) : !all.contains(n)) out.add(n);
    }
    return new ArrayList<>(out);
  }

  private static Set<String> wholeNumbers(String text) {
    Set<String> out = new HashSet<>();
    Matcher m = DIGITS.matcher(text);
    while (m.find()) out.add(canonical(m.group()));
    return out;
  }

  private static String canonical(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') i++;
    return digits.substring(i);
  }
}
