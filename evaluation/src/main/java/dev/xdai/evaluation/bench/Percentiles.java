package dev.xdai.evaluation.bench;

import java.util.Arrays;

/**
 * The one place percentiles are computed, by the nearest-rank method: the p-th percentile of n values is the
 * ceil(p/100 * n)-th smallest (p50 of 1..10 is 5, p99 of 1..100 is 99, p99 of 1..10 is 10).
 */
public final class Percentiles {

  private Percentiles() {}

  /** The p-th percentile (0 < p <= 100) of {@code values}, which need not be sorted. */
  public static long of(long[] values, double p) {
    if (values.length == 0) throw new IllegalArgumentException("no values");
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return ofSorted(sorted, p);
  }

  static long ofSorted(long[] sorted, double p) {
    if (!(p > 0 && p <= 100)) throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(1, rank) - 1];
  }

  /** Count, p50, p90, p99, mean and max of durations in nanoseconds, reported in milliseconds. */
  public static LatencySummary summarise(long[] nanos) {
    if (nanos.length == 0) return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double sum = 0;
    for (long n : sorted) sum += n;
    return new LatencySummary(sorted.length, ms(ofSorted(sorted, 50)), ms(ofSorted(sorted, 90)), ms(ofSorted(sorted, 99)),
        sum / sorted.length / 1e6, ms(sorted[sorted.length - 1]));
  }

  private static double ms(long nanos) { return nanos / 1e6; }
}
