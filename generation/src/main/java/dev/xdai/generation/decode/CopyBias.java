package dev.xdai.generation.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps a quote faithful: when the last {@code minMatch} or more generated tokens also occur in a knowledge text of
 * the prompt, the token that follows them there gets a logit bonus that grows with the match. The model still decides
 * whether to start quoting and when to stop; a small model that has begun "电话是010-6" is only kept from inventing
 * the rest of the number. Sources are separate texts (a match never runs from one into the next). Immutable, thread-safe.
 */
public final class CopyBias {

  /** No bias at all. */
  public static final CopyBias NONE = new CopyBias(List.of(), 0, 2);

  private static final int BOUNDARY = -1;
  private static final int MAX_STEPS = 3;

  private final int[] source;
  private final float bias;
  private final int minMatch;

  /**
   * @param sources token ids of each text the reply may quote
   * @param bias added to a continuing token's logit (0 turns the bias off)
   * @param minMatch how many generated tokens must match before a continuation counts (at least 1)
   */
  public CopyBias(List<int[]> sources, float bias, int minMatch) {
    if (bias < 0 || Float.isNaN(bias)) throw new IllegalArgumentException("copy bias must be >= 0");
    if (minMatch < 1) throw new IllegalArgumentException("minMatch must be >= 1");
    List<Integer> joined = new ArrayList<>();
    for (int[] s : sources) {
      for (int t : s) joined.add(t);
      joined.add(BOUNDARY);
    }
    this.source = joined.stream().mapToInt(Integer::intValue).toArray();
    this.bias = bias;
    this.minMatch = minMatch;
  }

  public boolean active() { return bias > 0 && source.length > 0; }

  /**
   * Adds the bias, in place, to each token that continues a match of the generated suffix: {@code bias} for a match of
   * {@code minMatch} tokens, one more {@code bias} for each further matching token, at most three times {@code bias}
   * (a long match is surely a quote, a short one may be a common word). A token continuing several matches gets the longest one's bonus.
   */
  public void apply(float[] logits, List<Integer> generated) {
    if (!active() || generated.size() < minMatch) return;
    int[] best = new int[logits.length];
    int len = generated.size();
    int cap = minMatch + MAX_STEPS - 1;
    for (int i = minMatch - 1; i + 1 < source.length; i++) {
      int next = source[i + 1];
      if (next == BOUNDARY || next >= logits.length) continue;
      int k = 0;
      while (k < cap && k < len && i - k >= 0 && source[i - k] == generated.get(len - 1 - k)) k++;
      if (k >= minMatch) best[next] = Math.max(best[next], k);
    }
    for (int t = 0; t < best.length; t++) {
      if (best[t] > 0) logits[t] += bias * (best[t] - minMatch + 1);
    }
  }

  @Override
  public String toString() {
    return "CopyBias[bias=" + bias + ", minMatch=" + minMatch + ", source=" + Arrays.toString(source) + "]";
  }
}
