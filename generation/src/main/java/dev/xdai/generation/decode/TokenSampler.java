package dev.xdai.generation.decode;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Picks the next token from logits: the arg-max when greedy, else a draw from the temperature-scaled distribution
 * restricted to the {@code topK} most likely tokens and then to the smallest set whose mass reaches {@code topP}.
 * Tokens whose logit is negative infinity (banned, penalised away) are never picked. Pure: the randomness comes in.
 */
public final class TokenSampler {

  private final double temperature;
  private final int topK;
  private final double topP;

  public TokenSampler(double temperature, int topK, double topP) {
    if (topP <= 0 || topP > 1) throw new IllegalArgumentException("topP must be in (0, 1], was " + topP);
    this.temperature = temperature;
    this.topK = topK;
    this.topP = topP;
  }

  /** Greedy when the temperature is 0 or only one candidate is kept. */
  public boolean greedy() { return temperature <= 0 || topK == 1; }

  /** The next token; {@code random} is only drawn from when sampling. */
  public int pick(float[] logits, RandomGenerator random) {
    if (greedy()) return argmax(logits);
    int[] order = candidates(logits);
    double[] probs = new double[order.length];
    double max = logits[order[0]];
    double sum = 0;
    for (int i = 0; i < order.length; i++) {
      probs[i] = Math.exp((logits[order[i]] - max) / temperature);
      sum += probs[i];
    }
    // Nucleus: keep the smallest prefix of the sorted candidates whose mass reaches topP (at least one).
    int keep = 0;
    double mass = 0;
    while (keep < order.length && (keep == 0 || mass < topP * sum)) mass += probs[keep++];
    double r = random.nextDouble() * mass;
    for (int i = 0; i < keep; i++) {
      r -= probs[i];
      if (r < 0) return order[i];
    }
    return order[keep - 1];
  }

  /** Index of the largest finite logit, the lowest index on ties; -1 when every logit is negative infinity. */
  public static int argmax(float[] logits) {
    int best = -1;
    for (int i = 0; i < logits.length; i++) {
      if (logits[i] == Float.NEGATIVE_INFINITY) continue;
      if (best < 0 || logits[i] > logits[best]) best = i;
    }
    if (best < 0) throw new IllegalStateException("every token is banned");
    return best;
  }

  // The allowed tokens, most likely first (ties in id order, so a seed always gives the same draw), cut to topK
  // (topK <= 0 keeps all). A bounded insertion keeps the usual small topK at one pass over the vocabulary.
  private int[] candidates(float[] logits) {
    int allowed = 0;
    for (float l : logits) if (l != Float.NEGATIVE_INFINITY) allowed++;
    if (allowed == 0) throw new IllegalStateException("every token is banned");
    if (topK <= 0 || topK >= allowed) {
      Integer[] ids = new Integer[allowed];
      int j = 0;
      for (int i = 0; i < logits.length; i++) if (logits[i] != Float.NEGATIVE_INFINITY) ids[j++] = i;
      Arrays.sort(ids, (a, b) -> Float.compare(logits[b], logits[a]));
      return Arrays.stream(ids).mapToInt(Integer::intValue).toArray();
    }
    int[] top = new int[topK];
    int n = 0;
    for (int i = 0; i < logits.length; i++) {
      float l = logits[i];
      if (l == Float.NEGATIVE_INFINITY || (n == topK && l <= logits[top[n - 1]])) continue;
      int pos = n == topK ? n - 1 : n++;
      while (pos > 0 && logits[top[pos - 1]] < l) {
        top[pos] = top[pos - 1];
        pos--;
      }
      top[pos] = i;
    }
    return top;
  }
}
