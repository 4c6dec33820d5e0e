package dev.xdai.evaluation.kdconv;

import dev.xdai.evaluation.metrics.CharText;
import dev.xdai.prompting.KnowledgeItem;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders gold triples as QA knowledge, the rule of docs/evaluation.md: the entity cut at the first {@code （};
 * {@code Information} asks {@code <entity>是什么？}, any other attribute {@code <entity>的<attribute>是什么？}; the
 * answer is the value cut to 120 characters.
 */
public final class OracleKnowledge {

  /** Longest answer, in code points, that a QA pair carries. */
  public static final int MAX_ANSWER_CHARS = 120;
  /** The pack name oracle items carry. */
  public static final String PACK = "oracle";

  private OracleKnowledge() {}

  /** The question a triple answers. */
  public static String question(Triple t) {
    return t.isDescription() ? t.shortEntity() + "是什么？" : t.shortEntity() + "的" + t.attribute() + "是什么？";
  }

  /** The answer a triple gives: its value cut to 120 code points. */
  public static String answer(Triple t) {
    return CharText.cut(t.value(), MAX_ANSWER_CHARS);
  }

  /** A triple as a QA knowledge item with the given id, pack and score. */
  public static KnowledgeItem qa(Triple t, String id, String pack, double score) {
    return KnowledgeItem.qa(id, question(t), answer(t), "kdconv", pack, score)
        .withFact(new KnowledgeItem.Fact(t.entity(), t.isDescription() ? "" : t.attribute()));
  }

  /** The gold triples of a sample as the QA items injected before the current utterance in {@code oracle} mode. */
  public static List<KnowledgeItem> items(KdConvSample sample) {
    List<KnowledgeItem> out = new ArrayList<>();
    List<Triple> gold = sample.goldTriples();
    for (int i = 0; i < gold.size(); i++) out.add(qa(gold.get(i), "oracle:" + sample.id() + ":" + i, PACK, 1.0));
    return out;
  }
}
