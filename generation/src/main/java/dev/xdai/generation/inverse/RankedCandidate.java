package dev.xdai.generation.inverse;

/**
 * A candidate reply with its scores: {@code forward} is log p(reply | prompt) per token^lambda, {@code inverse} the
 * mean over its sub-sentences of log p(user utterance | sub-sentence) per token, {@code total} their weighted sum.
 */
public record RankedCandidate(String text, double forward, double inverse, double total) {}
