package dev.xdai.generation.embedded;

import ai.djl.ndarray.NDManager;

/**
 * One call of the model: the new tokens with their 2D positions (row 0 positions, row 1 block positions), the length
 * of part A, the cache so far, whether all logit rows are wanted or only the last, and the manager that will own the
 * new cache (it must outlive the call).
 */
record GlmStep(long[] ids, long[] positions, long[] blockPositions, int contextLength, KvCache past, boolean allRows,
    NDManager cacheOwner) {

  GlmStep {
    if (positions.length != ids.length || blockPositions.length != ids.length) {
      throw new IllegalArgumentException("one position pair per token");
    }
  }
}
