package dev.xdai.generation;

/** Summed natural-log likelihood of a continuation, with its length in tokens and in characters. */
public record Score(double logProb, int tokens, int chars) {
  public double meanPerToken() { return tokens == 0 ? 0 : logProb / tokens; }
}
