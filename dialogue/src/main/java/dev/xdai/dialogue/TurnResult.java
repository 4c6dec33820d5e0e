package dev.xdai.dialogue;

import dev.xdai.generation.Generation;
import dev.xdai.prompting.RenderedPrompt;

/** The reply to a turn, what grounded it, the exact prompt, and the raw generation. */
public record TurnResult(String reply, Grounding grounding, RenderedPrompt prompt, Generation generation) {

  /** Time spent in the pipeline except the model's decoding, in ms: the per-turn overhead. */
  public double overheadMs() {
    return grounding.timingsMs().entrySet().stream()
        .filter(e -> !e.getKey().equals("generate") && !e.getKey().equals("total"))
        .mapToDouble(java.util.Map.Entry::getValue).sum();
  }
}
