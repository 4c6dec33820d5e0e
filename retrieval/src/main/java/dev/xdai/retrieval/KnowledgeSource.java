package dev.xdai.retrieval;

import dev.xdai.prompting.KnowledgeItem;
import java.util.List;

/** Finds knowledge for a piece of dialogue: ranked, de-duplicated items with their source ids. Thread-safe. */
@FunctionalInterface
public interface KnowledgeSource {
  List<KnowledgeItem> retrieve(KnowledgeQuery query);

  /** A source that knows nothing (the {@code none} mode). */
  KnowledgeSource NONE = q -> List.of();
}
