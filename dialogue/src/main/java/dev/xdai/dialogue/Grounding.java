package dev.xdai.dialogue;

import dev.xdai.prompting.KnowledgeItem;
import java.util.List;
import java.util.Map;

/**
 * What grounded a reply: the selected history, the knowledge injected (with source and id, and where it was placed),
 * the background, persona and emotion, what the budget dropped, guard findings, and per-step timings in ms.
 */
public record Grounding(List<SelectedExchange> history, List<Injected> knowledge, List<Background> background, String persona,
    String emotion, String postResponse, List<String> dropped, List<String> unsupportedNumbers, List<String> notes,
    String model, String finishReason, Map<String, Double> timingsMs) {

  /** A history exchange kept in the prompt, with its relevance score. */
  public record SelectedExchange(int index, String user, String bot, double relevance) {}

  /** A knowledge item and where it was injected: {@code query} or {@code history:<index>}. */
  public record Injected(String position, KnowledgeItem item) {}

  /** A background piece: persona text or a description item's id. */
  public record Background(String text, String knowledgeId) {}

  public Grounding {
    history = List.copyOf(history);
    knowledge = List.copyOf(knowledge);
    background = List.copyOf(background);
    dropped = List.copyOf(dropped);
    unsupportedNumbers = List.copyOf(unsupportedNumbers);
    notes = List.copyOf(notes);
    timingsMs = Map.copyOf(timingsMs);
  }

  /** Knowledge injected for the current utterance, in prompt order. */
  public List<KnowledgeItem> queryKnowledge() {
    return knowledge.stream().filter(i -> i.position().equals("query")).map(Injected::item).toList();
  }
}
