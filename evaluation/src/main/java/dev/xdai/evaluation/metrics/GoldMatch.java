package dev.xdai.evaluation.metrics;

import dev.xdai.evaluation.kdconv.OracleKnowledge;
import dev.xdai.evaluation.kdconv.Triple;

/**
 * Decides whether an injected knowledge item is a given gold triple. Texts are compared with whitespace removed and
 * entities by their short name (cut at the first {@code （}), since importers may store either form.
 * <ul>
 *   <li>When the item carries its origin triple: entity, attribute and value must all be equal.</li>
 *   <li>Otherwise by text: the item's answer (a QA pair's answer or a description's text) and the gold value must be
 *       equal over their first 120 characters (importers cut long values), or the answer must be the value cut shorter
 *       than that, at least {@value #MIN_CUT_CHARS} characters of its start (the pipeline cuts injected answers at 120
 *       characters counting whitespace, which this comparison drops); and the item's title (the question or the label)
 *       must contain the gold entity's short name.</li>
 * </ul>
 */
public final class GoldMatch {

  /** The shortest start of a long gold value that still counts as the value (a fragment of it does not). */
  static final int MIN_CUT_CHARS = 60;

  private GoldMatch() {}

  public static boolean matches(InjectedKnowledge injected, Triple gold) {
    Triple origin = injected.origin();
    if (origin != null) {
      return same(origin.shortEntity(), gold.shortEntity()) && same(origin.attribute(), gold.attribute())
          && same(origin.value(), gold.value());
    }
    String answer = head(injected.item().text());
    String value = head(gold.value());
    boolean sameAnswer = answer.equals(value) || (answer.length() >= MIN_CUT_CHARS && value.startsWith(answer));
    return !value.isEmpty() && sameAnswer
        && CharText.normalise(injected.item().title()).contains(CharText.normalise(gold.shortEntity()));
  }

  private static boolean same(String a, String b) { return CharText.normalise(a).equals(CharText.normalise(b)); }

  private static String head(String text) { return CharText.cut(CharText.normalise(text), OracleKnowledge.MAX_ANSWER_CHARS); }
}
