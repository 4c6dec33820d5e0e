package dev.xdai.dialogue;

import dev.xdai.retrieval.Embedder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Embeddings of one session's texts, so that no text is embedded twice in a session; missing texts are embedded in
 * one batch. Bounded: the oldest entries go first. Thread-safe.
 */
public final class EmbeddingCache {

  private final Embedder embedder;
  private final Map<String, float[]> vectors;

  public EmbeddingCache(Embedder embedder, int capacity) {
    this.embedder = embedder;
    this.vectors = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Vectors for {@code texts}, in order, embedding only those not seen before. */
  public List<float[]> vectors(List<String> texts) {
    List<String> missing = new ArrayList<>();
    synchronized (vectors) {
      for (String t : texts) if (!vectors.containsKey(t) && !missing.contains(t)) missing.add(t);
    }
    if (!missing.isEmpty()) {
      List<float[]> fresh = embedder.embedAll(missing);
      synchronized (vectors) {
        for (int i = 0; i < missing.size(); i++) vectors.put(missing.get(i), fresh.get(i));
      }
    }
    List<float[]> out = new ArrayList<>(texts.size());
    synchronized (vectors) {
      for (String t : texts) {
        float[] v = vectors.get(t);
        if (v == null) { // evicted between the two steps: tiny capacity; embed again rather than fail
          v = embedder.embed(t);
          vectors.put(t, v);
        }
        out.add(v);
      }
    }
    return out;
  }

  public float[] vector(String text) {
    return vectors(List.of(text)).get(0);
  }

  public int size() {
    synchronized (vectors) { return vectors.size(); }
  }
}
