package dev.xdai.retrieval;

import java.util.List;

/** Turns sentences into L2-normalised vectors for semantic similarity. Thread-safe. */
public interface Embedder extends AutoCloseable {

  int dimension();

  float[] embed(String text);

  /** Embeds many texts in batches; the result is in input order. */
  List<float[]> embedAll(List<String> texts);

  /**
   * Names the model behind the vectors. An on-disk index records it, so vectors from another model are never mixed
   * into it.
   */
  default String name() {
    return getClass().getSimpleName() + "/" + dimension();
  }

  /** Cosine similarity of two L2-normalised vectors. */
  static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) dot += a[i] * b[i];
    return dot;
  }

  /** Scales a vector to unit length in place (a zero vector stays zero) and returns it. */
  static float[] normalize(float[] v) {
    double sum = 0;
    for (float x : v) sum += x * x;
    if (sum == 0) return v;
    float inv = (float) (1.0 / Math.sqrt(sum));
    for (int i = 0; i < v.length; i++) v[i] *= inv;
    return v;
  }

  @Override
  default void close() {}
}
