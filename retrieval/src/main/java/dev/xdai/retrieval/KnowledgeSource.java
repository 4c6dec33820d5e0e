package dev.xdai.retrieval;

import dev.xdai.prompting.KnowledgeItem;
import java.util.List;
import java.util.OptionalLong;

/** Finds knowledge for a piece of dialogue: ranked, de-duplicated items with their source ids. Thread-safe. */
@FunctionalInterface
public interface KnowledgeSource {
  List<KnowledgeItem> retrieve(KnowledgeQuery query);

  /**
   * A number that changes whenever the same query could get a different answer (the knowledge changed), so callers may
   * remember answers while it stays the same; empty when the source cannot tell (then nothing may be remembered).
   */
  default OptionalLong version() {
    return OptionalLong.empty();
  }

  /** A source that knows nothing (the {@code none} mode). */
  KnowledgeSource NONE = q -> List.of();
}
