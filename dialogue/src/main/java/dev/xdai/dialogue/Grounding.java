package dev.xdai.dialogue;

import dev.xdai.prompting.KnowledgeItem;
import java.util.List;
import java.util.Map;

/**
 * What grounded a reply: the selected history, the knowledge injected (with source and id, and where it was placed),
 * the background, persona and emotion, what the budget dropped, guard findings, per-step timings in ms, the reply's
 * mode and the knowledge it quotes with each item's confidence that it answers the utterance, and for a bank reply the
 * bank entry it came from. Turns stored before the mode existed read back with a null mode, nothing quoted and no bank
 * entry.
 */
public record Grounding(List<SelectedExchange> history, List<Injected> knowledge, List<Background> background, String persona,
    String emotion, String postResponse, List<String> dropped, List<String> unsupportedNumbers, List<String> notes,
    String model, String finishReason, Map<String, Double> timingsMs, ReplyMode mode, List<Quoted> quoted, BankOrigin bank) {

  /** The response-bank entry a reply came from: its bank, id and source. */
  public record BankOrigin(String bank, String id, String source) {}

  /** A knowledge item the reply quotes, and the confidence that it answers the utterance. */
  public record Quoted(String id, String pack, String source, double confidence) {}

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
    quoted = quoted == null ? List.of() : List.copyOf(quoted);
  }

  /** Knowledge injected for the current utterance, in prompt order. */
  public List<KnowledgeItem> queryKnowledge() {
    return knowledge.stream().filter(i -> i.position().equals("query")).map(Injected::item).toList();
  }
}
