package dev.xdai.evaluation.metrics;

import dev.xdai.evaluation.kdconv.Triple;
import java.util.List;

/**
 * {@code knowledge_recall@k} for one sample: whether at least one gold triple is among the first {@code k} knowledge
 * items the pipeline injected for the current turn (in the pipeline's rank order, best first).
 */
public final class KnowledgeRecall {

  private KnowledgeRecall() {}

  public static boolean hit(List<InjectedKnowledge> injected, List<Triple> gold, int k) {
    int rank = goldRank(injected, gold);
    return rank > 0 && rank <= k;
  }

  /** The 1-based position of the first injected item that is a gold triple, 0 when none is. */
  public static int goldRank(List<InjectedKnowledge> injected, List<Triple> gold) {
    for (int i = 0; i < injected.size(); i++) {
      for (Triple g : gold) if (GoldMatch.matches(injected.get(i), g)) return i + 1;
    }
    return 0;
  }
}
