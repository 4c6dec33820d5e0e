package dev.xdai.dialogue;

import dev.xdai.dialogue.answer.Answerer;
import dev.xdai.generation.Generation;
import dev.xdai.prompting.RenderedPrompt;

/**
 * The reply to a turn, what grounded it, the exact prompt, the raw generation, and how the turn's knowledge was weighed
 * as an answer (its features, which calibration reads).
 */
public record TurnResult(String reply, Grounding grounding, RenderedPrompt prompt, Generation generation, Answerer.Decision decision) {

  /** Time spent in the pipeline except the model's decoding, in ms: the per-turn overhead. */
  public double overheadMs() {
    return grounding.timingsMs().entrySet().stream()
        .filter(e -> !e.getKey().equals("generate") && !e.getKey().equals("total"))
        .mapToDouble(java.util.Map.Entry::getValue).sum();
  }
}
