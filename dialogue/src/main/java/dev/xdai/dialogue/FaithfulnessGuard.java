package dev.xdai.dialogue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flags facts in a reply that nothing grounds: numbers (runs of digits, Arabic or Chinese) that appear neither in the
 * injected knowledge nor in the dialogue. The pipeline may regenerate such a reply.
 */
public final class FaithfulnessGuard {

  private static final Pattern NUMBER = Pattern.compile("\\d+|[零〇一二三四五六七八九十百千万亿两]{2,}");

  /** The numbers in {@code reply} that occur in none of {@code grounds}. */
  public List<String> unsupportedNumbers(String reply, List<String> grounds) {
    Set<String> out = new LinkedHashSet<>();
    String all = String.join("\n", grounds);
    Matcher m = NUMBER.matcher(reply);
    while (m.find()) {
      if (!all.contains(m.group())) out.add(m.group());
    }
    return new ArrayList<>(out);
  }
}
