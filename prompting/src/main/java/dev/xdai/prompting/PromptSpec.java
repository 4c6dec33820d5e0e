package dev.xdai.prompting;

import java.util.List;
import java.util.Objects;

/**
 * Everything one turn's prompt is made of, before rendering: background prefix, selected history (already in the
 * order it should appear), QA knowledge for the current utterance (best first), the utterance itself, and the
 * post-response.
 */
public record PromptSpec(List<BackgroundPiece> background, List<ContextEntry> history, List<KnowledgeItem> queryKnowledge,
    String query, PostResponse postResponse) {

  public PromptSpec {
    background = List.copyOf(background);
    history = List.copyOf(history);
    queryKnowledge = List.copyOf(queryKnowledge);
    Objects.requireNonNull(query, "query");
    postResponse = postResponse == null ? PostResponse.none() : postResponse;
  }

  /** All knowledge items the spec injects as QA pairs, history first, in prompt order. */
  public List<KnowledgeItem> injectedKnowledge() {
    var all = new java.util.ArrayList<KnowledgeItem>();
    history.forEach(e -> all.addAll(e.knowledge()));
    all.addAll(queryKnowledge);
    return List.copyOf(all);
  }
}
