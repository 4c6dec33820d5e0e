package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.JsonLine;
import java.util.LinkedHashMap;
import java.util.Map;

/** Percentiles of a set of durations, in milliseconds (NaN when there were none). */
public record LatencySummary(int count, double p50Ms, double p90Ms, double p99Ms, double meanMs, double maxMs) {

  /** The summary as row cells named {@code <prefix>p50_ms} and so on. */
  public Map<String, Object> cells(String prefix) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(prefix + "p50_ms", JsonLine.round(p50Ms, 3));
    m.put(prefix + "p90_ms", JsonLine.round(p90Ms, 3));
    m.put(prefix + "p99_ms", JsonLine.round(p99Ms, 3));
    m.put(prefix + "mean_ms", JsonLine.round(meanMs, 3));
    m.put(prefix + "max_ms", JsonLine.round(maxMs, 3));
    return m;
  }
}
