package dev.xdai.prompting;

import java.util.List;

/**
 * A prompt rendered for a GLM blank-infilling model: its text (with exactly one blank), what it kept, what the
 * budget made it drop, and its size in tokens.
 */
public record RenderedPrompt(String text, PromptSpec kept, List<String> dropped, int tokens, boolean queryTruncated) {
  public RenderedPrompt {
    dropped = List.copyOf(dropped);
  }

  /** The blank token this prompt asks the model to fill. */
  public String blank() {
    return kept.postResponse().isEmpty() ? PromptText.GMASK : PromptText.MASK;
  }
}
