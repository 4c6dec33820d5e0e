package dev.xdai.retrieval;

import dev.xdai.prompting.KnowledgeItem;
import java.util.List;
import java.util.Set;

/**
 * A request for knowledge: the text to ground, recent context to disambiguate it, the packs to search (empty = all),
 * how many items, and which formats.
 */
public record KnowledgeQuery(String text, List<String> context, Set<String> packs, int limit, Set<KnowledgeItem.Format> formats) {
  public KnowledgeQuery {
    context = context == null ? List.of() : List.copyOf(context);
    packs = packs == null ? Set.of() : Set.copyOf(packs);
    formats = formats == null || formats.isEmpty() ? Set.of(KnowledgeItem.Format.values()) : Set.copyOf(formats);
  }

  public static KnowledgeQuery qa(String text, List<String> context, Set<String> packs, int limit) {
    return new KnowledgeQuery(text, context, packs, limit, Set.of(KnowledgeItem.Format.QA));
  }

  public static KnowledgeQuery descriptions(String text, List<String> context, Set<String> packs, int limit) {
    return new KnowledgeQuery(text, context, packs, limit, Set.of(KnowledgeItem.Format.DESCRIPTION));
  }
}
