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
   * @param bias the logit bonus for a continuation of a {@code minMatch}-token match (0 turns the bias off)
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
   * (a long match is surely a quote, a short one may be a common word). A token continuing several matches gets the
   * longest one's bonus.
   */
  public void apply(float[] logits, List<Integer> generated) {
    add(logits, matches(logits.length, generated));
  }

  /**
   * For each of {@code vocabSize} tokens, the length of the longest generated suffix (at least {@code minMatch}, capped)
   * that it continues in a source, 0 where it continues none; null when nothing does.
   */
  private int[] matches(int vocabSize, List<Integer> generated) {
    if (!active() || generated.size() < minMatch) return null;
    int[] best = new int[vocabSize];
    boolean any = false;
    int cap = minMatch + MAX_STEPS - 1;
    for (int i = minMatch - 1; i + 1 < source.length; i++) {
      int next = source[i + 1];
      if (next == BOUNDARY || next >= vocabSize) continue;
      int k = matched(i, generated, cap);
      if (k >= minMatch && k > best[next]) {
        best[next] = k;
        any = true;
      }
    }
    return any ? best : null;
  }

  private void add(float[] logits, int[] matches) {
    if (matches == null) return;
    for (int t = 0; t < matches.length; t++) {
      if (matches[t] > 0) logits[t] += bias * (matches[t] - minMatch + 1);
    }
  }

  /**
   * How often the sources say {@code token} right after the last {@code context} generated tokens: how often a quote
   * may say that n-gram, which the no-repeat n-gram ban then allows as often (8:00-17:00 says ":00" twice).
   */
  public int occurrences(List<Integer> generated, int context, int token) {
    if (!active() || generated.size() < context) return 0;
    int count = 0;
    for (int i = context - 1; i + 1 < source.length; i++) { // i: where the context's last token would be
      if (source[i + 1] == token && matched(i, generated, context) == context) count++;
    }
    return count;
  }

  /** How many of the last generated tokens (at most {@code cap}) equal the source's tokens ending at {@code end}. */
  private int matched(int end, List<Integer> generated, int cap) {
    int len = generated.size();
    int k = 0;
    while (k < cap && k < len && end - k >= 0 && source[end - k] == generated.get(len - 1 - k)) k++;
    return k;
  }

  @Override
  public String toString() {
    return "CopyBias[bias=" + bias + ", minMatch=" + minMatch + ", source=" + Arrays.toString(source) + "]";
  }
}
