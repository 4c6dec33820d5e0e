package dev.xdai.evaluation.metrics;

import java.util.Map;

/** Clipped overlap of two n-gram count tables: each candidate n-gram counts at most as often as the reference has it. */
final class NgramOverlap {

  private NgramOverlap() {}

  static int clipped(Map<String, Integer> candidate, Map<String, Integer> reference) {
    int common = 0;
    for (Map.Entry<String, Integer> e : candidate.entrySet()) common += Math.min(e.getValue(), reference.getOrDefault(e.getKey(), 0));
    return common;
  }
}
