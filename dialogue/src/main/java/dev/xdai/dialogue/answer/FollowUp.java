package dev.xdai.dialogue.answer;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Elliptical follow-up questions ({@code 那补牙呢？} after {@code 洗牙多少钱？}) ask the previous question of a new
 * subject; the answer confidence weighs them as that question asked of the new subject. Written by hand: the rule is
 * the project's own.
 */
public final class FollowUp {

  // 那 X 呢 / X 呢 / 那 X 怎么样: a short subject and a particle, nothing asked of its own
  private static final Pattern ELLIPTICAL = Pattern.compile("^(?:那么|那)?\\s*(.{1,12}?)\\s*(?:呢|怎么样|又如何)\\s*[？?]?\\s*$");

  private FollowUp() {}

  /**
   * {@code utterance} as the question it stands for: an elliptical follow-up becomes its subject followed by the latest
   * question in {@code recent} (oldest first); any other utterance, or one with no question before it, is itself.
   */
  public static String expand(String utterance, List<String> recent) {
    Matcher m = ELLIPTICAL.matcher(utterance.strip());
    if (!m.matches()) return utterance;
    for (int i = recent.size() - 1; i >= Math.max(0, recent.size() - 4); i--) {
      String earlier = recent.get(i);
      if (AnswerFeatures.isQuestion(earlier) && !ELLIPTICAL.matcher(earlier.strip()).matches()) return m.group(1) + earlier.strip();
    }
    return utterance;
  }
}
