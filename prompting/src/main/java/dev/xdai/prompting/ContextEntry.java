package dev.xdai.prompting;

import java.util.List;

/** A selected history exchange, its relevance to the current utterance, and the QA knowledge injected before it. */
public record ContextEntry(Exchange exchange, double relevance, List<KnowledgeItem> knowledge) {
  public ContextEntry {
    knowledge = List.copyOf(knowledge);
  }
}
