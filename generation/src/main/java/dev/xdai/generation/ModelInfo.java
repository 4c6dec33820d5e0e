package dev.xdai.generation;

import dev.xdai.prompting.TokenCounter;

/**
 * A model's name, its context length in tokens, its token counter (for prompt budgets), and the longest prompt it
 * handles well ({@code maxPromptTokens}: a small model trained on shorter prompts than its positions allow).
 */
public record ModelInfo(String name, int contextLength, TokenCounter tokenCounter, int maxPromptTokens) {

  /** A model whose prompts may use its whole context. */
  public ModelInfo(String name, int contextLength, TokenCounter tokenCounter) {
    this(name, contextLength, tokenCounter, contextLength);
  }
}
