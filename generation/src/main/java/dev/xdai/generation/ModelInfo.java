package dev.xdai.generation;

import dev.xdai.prompting.TokenCounter;

/** A model's name, its context length in tokens, and its token counter (for prompt budgets). */
public record ModelInfo(String name, int contextLength, TokenCounter tokenCounter) {}
