package dev.xdai.generation;

/** The text a model filled in, why it stopped, and how long it took. */
public record Generation(String text, int tokens, FinishReason finishReason, long firstTokenNanos, long totalNanos) {

  /** Why decoding ended. */
  public enum FinishReason { END, STOP, LENGTH, DEADLINE }
}
