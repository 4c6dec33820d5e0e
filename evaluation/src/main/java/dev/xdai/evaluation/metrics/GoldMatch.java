package dev.xdai.evaluation.metrics;

import dev.xdai.evaluation.kdconv.OracleKnowledge;
import dev.xdai.evaluation.kdconv.Triple;

/**
 * Decides whether an injected knowledge item is a given gold triple. Texts are compared with whitespace removed and
 * entities by their short name (cut at the first {@code （}), since importers may store either form.
 * <ul>
 *   <li>When the item carries its origin triple: entity, attribute and value must all be equal.</li>
 *   <li>Otherwise by text: the item's answer (a QA pair's answer or a description's text) and the gold value must be
 *       equal over their first 120 characters (importers cut long values), and the item's title (the question or the
 *       label) must contain the gold entity's short name.</li>
 * </ul>
 */
public final class GoldMatch {

  private GoldMatch() {}

  public static boolean matches(InjectedKnowledge injected, Triple gold) {
    Triple origin = injected.origin();
    if (origin != null) {
      return same(origin.shortEntity(), gold.shortEntity()) && same(origin.attribute(), gold.attribute())
          && same(origin.value(), gold.value());
    }
    String answer = head(injected.item().text());
    String value = head(gold.value());
    return !value.isEmpty() && answer.equals(value)
        && CharText.normalise(injected.item().title()).contains(CharText.normalise(gold.shortEntity()));
  }

  private static boolean same(String a, String b) { return CharText.normalise(a).equals(CharText.normalise(b)); }

  private static String head(String text) { return CharText.cut(CharText.normalise(text), OracleKnowledge.MAX_ANSWER_CHARS); }
}
