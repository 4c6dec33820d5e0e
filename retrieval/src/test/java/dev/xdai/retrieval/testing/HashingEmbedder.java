package dev.xdai.retrieval.testing;

import dev.xdai.retrieval.Embedder;
import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic, model-free embedder: character unigrams and bigrams hashed into signed buckets, L2-normalised. It
 * knows no synonyms; it exists so tests and benchmarks can exercise vector search (same dimension, same code paths)
 * without running a neural model.
 */
public final class HashingEmbedder implements Embedder {

  private final int dimension;

  public HashingEmbedder(int dimension) {
    if (dimension < 2) throw new IllegalArgumentException("dimension must be at least 2");
    this.dimension = dimension;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public float[] embed(String text) {
    float[] v = new float[dimension];
    String s = text == null ? "" : text;
    for (int i = 0; i < s.length(); i++) {
      add(v, s.charAt(i), 0x9E3779B9, 1f);
      if (i + 1 < s.length()) add(v, s.charAt(i) * 31 + s.charAt(i + 1), 0x85EBCA6B, 1.5f);
    }
    return Embedder.normalize(v);
  }

  private void add(float[] v, int feature, int seed, float weight) {
    int h = mix(feature * seed);
    v[Math.floorMod(h, dimension)] += (h & 0x40000000) == 0 ? weight : -weight;
  }

  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x7feb352d;
    h ^= h >>> 15;
    h *= 0x846ca68b;
    return h ^ (h >>> 16);
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (String t : texts) out.add(embed(t));
    return out;
  }
}
