package dev.xdai.generation.decode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Penalties applied to the logits before a token is picked, over the tokens generated so far in this fill (not the
 * prompt: a character-level prompt holds most common characters, and penalising them would garble the reply).
 * Repetition penalty (CTRL-style): a repeated token's positive logit is divided by the penalty, a negative one
 * multiplied. No-repeat n-grams: a token that would complete an n-gram already generated is banned, unless the
 * prompt's knowledge says that n-gram more often (see {@link QuotedNgrams}).
 */
public record LogitsPenalties(double repetitionPenalty, int noRepeatNgram) {

  /** How often the prompt's knowledge says the n-gram of the last {@code context} generated tokens and {@code token}. */
  @FunctionalInterface
  public interface QuotedNgrams {
    QuotedNgrams NONE = (generated, context, token) -> 0;

    int occurrences(List<Integer> generated, int context, int token);
  }

  /** Applies both penalties to {@code logits} in place. */
  public void apply(float[] logits, List<Integer> generated) {
    apply(logits, generated, QuotedNgrams.NONE);
  }

  /**
   * Applies both penalties to {@code logits} in place; an n-gram that the prompt's knowledge says k times may be said
   * k times (a quote may repeat itself: 8:00-17:00), not more (the ban's purpose, stopping loops, holds).
   */
  public void apply(float[] logits, List<Integer> generated, QuotedNgrams quoted) {
    penaliseRepeats(logits, generated);
    banRepeatedNgrams(logits, generated, quoted);
  }

  void penaliseRepeats(float[] logits, List<Integer> generated) {
    if (repetitionPenalty == 1.0 || repetitionPenalty <= 0) return;
    boolean[] seen = new boolean[logits.length];
    for (int t : generated) {
      if (seen[t]) continue;
      seen[t] = true;
      float l = logits[t];
      logits[t] = (float) (l > 0 ? l / repetitionPenalty : l * repetitionPenalty);
    }
  }

  void banRepeatedNgrams(float[] logits, List<Integer> generated, QuotedNgrams quoted) {
    int n = noRepeatNgram;
    int len = generated.size();
    if (n <= 0 || len < n - 1) return;
    // The last n-1 tokens; every earlier occurrence of them bans the token that followed it, unless the knowledge says
    // that n-gram more often than the fill has so far.
    Map<Integer, Integer> said = new HashMap<>();
    for (int start = 0; start + n - 1 < len; start++) {
      boolean match = true;
      for (int k = 0; k < n - 1 && match; k++) match = generated.get(start + k).equals(generated.get(len - n + 1 + k));
      if (match) said.merge(generated.get(start + n - 1), 1, Integer::sum);
    }
    said.forEach((token, times) -> {
      if (quoted.occurrences(generated, n - 1, token) <= times) logits[token] = Float.NEGATIVE_INFINITY;
    });
  }
}
