package dev.xdai.retrieval;

import java.util.List;

/** Turns sentences into L2-normalised vectors for semantic similarity. Thread-safe. */
public interface Embedder extends AutoCloseable {

  int dimension();

  float[] embed(String text);

  /** Embeds many texts in batches; the result is in input order. */
  List<float[]> embedAll(List<String> texts);

  /** Cosine similarity of two L2-normalised vectors. */
  static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) dot += a[i] * b[i];
    return dot;
  }

  @Override
  default void close() {}
}
