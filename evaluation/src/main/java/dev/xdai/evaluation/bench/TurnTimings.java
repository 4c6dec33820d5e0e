package dev.xdai.evaluation.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long one turn's steps took, in nanoseconds and pipeline order (e.g. {@code history}, {@code retrieval},
 * {@code prompt}, {@code postprocess}, {@code store}), without decoding, which is {@code decodeNanos} apart. The sum of
 * the steps is the turn's overhead, less the model's likelihood passes ({@link #MODEL_STEPS}: scoring answer frames,
 * reranking candidate replies), which cost what the model costs and are reported as steps of their own.
 */
public record TurnTimings(Map<String, Long> stepNanos, long decodeNanos) {

  /** Steps that run the model (likelihoods, not decoding): reported, but not overhead. */
  public static final java.util.Set<String> MODEL_STEPS = java.util.Set.of("score", "rerank");

  public TurnTimings {
    stepNanos = Collections.unmodifiableMap(new LinkedHashMap<>(stepNanos));
  }

  /** The time spent outside the model: neither decoding nor its likelihood passes. */
  public long overheadNanos() {
    long sum = 0;
    for (var e : stepNanos.entrySet()) if (!MODEL_STEPS.contains(e.getKey())) sum += e.getValue();
    return sum;
  }
}
