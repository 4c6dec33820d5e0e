package dev.xdai.dialogue;

import dev.xdai.generation.Generation;
import dev.xdai.generation.GenerationOptions;
import dev.xdai.generation.LanguageModel;
import dev.xdai.generation.TokenListener;
import dev.xdai.prompting.RenderedPrompt;

/** How the blank gets filled: one call to the model, or a reranking strategy such as inverse prompting. */
@FunctionalInterface
public interface ReplyGenerator {
  Generation generate(RenderedPrompt prompt, String query, GenerationOptions options, TokenListener listener);

  /** Plain prompting: the model fills the blank once. */
  static ReplyGenerator direct(LanguageModel model) {
    return (prompt, query, options, listener) -> model.infill(prompt, options, listener);
  }
}
