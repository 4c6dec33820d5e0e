package dev.xdai.generation.decode;

import java.util.List;

/**
 * Penalties applied to the logits before a token is picked, over the tokens generated so far in this fill (not the
 * prompt: a character-level prompt holds most common characters, and penalising them would garble the reply).
 * Repetition penalty (CTRL-style): a repeated token's positive logit is divided by the penalty, a negative one
 * multiplied. No-repeat n-grams: a token that would complete an n-gram already generated is banned.
 */
public record LogitsPenalties(double repetitionPenalty, int noRepeatNgram) {

  /** Applies both penalties to {@code logits} in place. */
  public void apply(float[] logits, List<Integer> generated) {
    penaliseRepeats(logits, generated);
    banRepeatedNgrams(logits, generated);
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

  void banRepeatedNgrams(float[] logits, List<Integer> generated) {
    int n = noRepeatNgram;
    int len = generated.size();
    if (n <= 0 || len < n - 1) return;
    // The last n-1 tokens; every earlier occurrence of them bans the token that followed it.
    for (int start = 0; start + n - 1 < len; start++) {
      boolean match = true;
      for (int k = 0; k < n - 1 && match; k++) match = generated.get(start + k).equals(generated.get(len - n + 1 + k));
      if (match) logits[generated.get(start + n - 1)] = Float.NEGATIVE_INFINITY;
    }
  }
}
