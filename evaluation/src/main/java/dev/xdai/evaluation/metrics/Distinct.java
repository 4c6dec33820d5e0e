package dev.xdai.evaluation.metrics;

import java.util.HashSet;
import java.util.Set;

/**
 * {@code distinct1} and {@code distinct2} (corpus level): the number of distinct character n-grams over all replies
 * divided by the number of n-grams over all replies; 0 when there are none. N-grams do not cross replies.
 */
public final class Distinct {

  private final int n;
  private final Set<String> seen = new HashSet<>();
  private long total;

  public Distinct(int n) {
    if (n < 1) throw new IllegalArgumentException("n must be >= 1");
    this.n = n;
  }

  /** Adds one reply to the corpus. */
  public void add(String reply) {
    int[] cps = CharText.chars(reply);
    for (int i = 0; i + n <= cps.length; i++) seen.add(new String(cps, i, n));
    total += CharText.ngramTotal(cps.length, n);
  }

  /** Distinct / total, in [0, 1]. */
  public double value() { return total == 0 ? 0 : (double) seen.size() / total; }
}
