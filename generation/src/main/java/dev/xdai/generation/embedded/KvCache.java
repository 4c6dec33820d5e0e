package dev.xdai.generation.embedded;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The key/value cache after some tokens: per layer a key and a value tensor {@code [1, heads, length, head_dim]},
 * kept as ONNX Runtime tensors (no copy to the Java heap between steps). Closing frees them.
 */
public final class KvCache implements AutoCloseable {

  private final NDList tensors; // k0, v0, k1, v1, ...
  private final int length;

  KvCache(NDList tensors, int length) {
    this.tensors = tensors;
    this.length = length;
  }

  /** No tokens yet: the first step creates zero-length tensors. */
  static KvCache empty() { return new KvCache(new NDList(), 0); }

  /** How many tokens the cache holds. */
  public int length() { return length; }

  boolean isEmpty() { return tensors.isEmpty(); }

  NDArray key(int layer) { return tensors.get(2 * layer); }

  NDArray value(int layer) { return tensors.get(2 * layer + 1); }

  @Override
  public void close() { tensors.forEach(NDArray::close); }
}
