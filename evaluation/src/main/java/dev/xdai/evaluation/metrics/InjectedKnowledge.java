package dev.xdai.evaluation.metrics;

import dev.xdai.evaluation.kdconv.Triple;
import dev.xdai.prompting.KnowledgeItem;
import java.util.Objects;

/**
 * A knowledge item a pipeline injected for the current turn, with the triple it was made from when the pipeline knows
 * it ({@code origin}, may be null). {@code knowledge_recall@k} matches it against the gold triples by
 * {@link GoldMatch}.
 */
public record InjectedKnowledge(KnowledgeItem item, Triple origin) {

  public InjectedKnowledge {
    Objects.requireNonNull(item, "item");
  }

  /** An item whose triple is not known: it is matched by its text. */
  public static InjectedKnowledge of(KnowledgeItem item) { return new InjectedKnowledge(item, null); }
}
