package dev.xdai.evaluation.bench;

import java.util.Arrays;

/** A growable list of durations in nanoseconds (thread-safe), summarised by {@link Percentiles}. */
public final class Durations {

  private long[] values = new long[64];
  private int size;

  public synchronized void add(long nanos) {
    if (size == values.length) values = Arrays.copyOf(values, size * 2);
    values[size++] = nanos;
  }

  public synchronized int size() { return size; }

  public synchronized long[] toArray() { return Arrays.copyOf(values, size); }

  public synchronized long total() {
    long sum = 0;
    for (int i = 0; i < size; i++) sum += values[i];
    return sum;
  }

  public LatencySummary summary() { return Percentiles.summarise(toArray()); }
}
