package dev.xdai.retrieval.embed;

import dev.xdai.retrieval.Embedder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers the vectors of the most recently used texts (a bounded LRU keyed by the exact text), so a dialogue's
 * history and repeated queries are embedded once. Thread-safe; callers get copies, so the cache cannot be corrupted.
 */
public final class CachingEmbedder implements Embedder {

  private final Embedder delegate;
  private final Map<String, float[]> cache;
  private long hits;
  private long misses;

  public CachingEmbedder(Embedder delegate, int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be positive");
    this.delegate = delegate;
    this.cache = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
        return size() > capacity;
      }
    };
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public float[] embed(String text) {
    return embedAll(List.of(text == null ? "" : text)).get(0);
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    float[][] out = new float[texts.size()][];
    Map<String, Integer> missing = new LinkedHashMap<>(); // text -> position in the batch sent to the model
    synchronized (this) {
      for (int i = 0; i < out.length; i++) {
        float[] v = cache.get(key(texts.get(i)));
        if (v != null) {
          out[i] = v.clone();
          hits++;
        } else {
          missing.putIfAbsent(key(texts.get(i)), missing.size());
        }
      }
      misses += missing.size();
    }
    if (missing.isEmpty()) return List.of(out);
    // The model runs outside the lock so that concurrent callers are not serialised behind one another.
    List<float[]> computed = delegate.embedAll(new ArrayList<>(missing.keySet()));
    synchronized (this) {
      missing.forEach((text, j) -> cache.put(text, computed.get(j)));
    }
    for (int i = 0; i < out.length; i++) {
      if (out[i] == null) out[i] = computed.get(missing.get(key(texts.get(i)))).clone();
    }
    return List.of(out);
  }

  private static String key(String text) {
    return text == null ? "" : text;
  }

  /** How many texts were answered from the cache and how many went to the model. */
  public synchronized Stats stats() {
    return new Stats(hits, misses, cache.size());
  }

  /** Cache counters. */
  public record Stats(long hits, long misses, int size) {}

  @Override
  public void close() {
    delegate.close();
  }
}
