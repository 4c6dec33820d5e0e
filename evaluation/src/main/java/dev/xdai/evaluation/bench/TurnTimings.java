package dev.xdai.evaluation.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long one turn's steps took, in nanoseconds and pipeline order (e.g. {@code history}, {@code retrieval},
 * {@code prompt}, {@code postprocess}, {@code store}), without decoding, which is {@code decodeNanos} apart. The sum of
 * the steps is the turn's overhead.
 */
public record TurnTimings(Map<String, Long> stepNanos, long decodeNanos) {

  public TurnTimings {
    stepNanos = Collections.unmodifiableMap(new LinkedHashMap<>(stepNanos));
  }

  /** The time spent outside decoding. */
  public long overheadNanos() {
    long sum = 0;
    for (long n : stepNanos.values()) sum += n;
    return sum;
  }
}
