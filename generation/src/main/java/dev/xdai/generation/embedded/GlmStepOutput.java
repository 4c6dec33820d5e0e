package dev.xdai.generation.embedded;

/** What one model call gives back: logit rows ({@code [rows][vocab]}, the last row predicts the next token) and the cache. */
record GlmStepOutput(float[][] logits, KvCache present) {

  float[] lastRow() { return logits[logits.length - 1]; }
}
