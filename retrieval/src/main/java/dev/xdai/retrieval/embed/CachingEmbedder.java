package dev.xdai.retrieval.embed;

import dev.xdai.retrieval.Embedder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Remembers the vectors of the most recently used texts (a bounded LRU keyed by the exact text), so a dialogue's
 * history and repeated queries are embedded once. A text that another caller is embedding right now is waited for, not
 * embedded again: the turn pipeline embeds the utterance ahead while retrieval already needs it. Thread-safe; callers
 * get copies, so the cache cannot be corrupted.
 */
public final class CachingEmbedder implements Embedder {

  private final Embedder delegate;
  private final Map<String, float[]> cache;
  /** Texts being embedded by some caller, guarded by {@code this}; completed (or failed) before they are removed. */
  private final Map<String, CompletableFuture<Map<String, float[]>>> inFlight = new HashMap<>();
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
    List<String> missing = new ArrayList<>(); // texts this call sends to the model, in batch order
    Map<String, CompletableFuture<Map<String, float[]>>> awaited = new HashMap<>(); // texts another caller is embedding
    CompletableFuture<Map<String, float[]>> mine = new CompletableFuture<>();
    synchronized (this) {
      for (int i = 0; i < out.length; i++) {
        String text = key(texts.get(i));
        float[] v = cache.get(text);
        if (v != null) {
          out[i] = v.clone();
          hits++;
        } else if (!awaited.containsKey(text) && inFlight.get(text) != mine) {
          CompletableFuture<Map<String, float[]>> other = inFlight.get(text);
          if (other != null) awaited.put(text, other);
          else {
            missing.add(text);
            inFlight.put(text, mine);
          }
        }
      }
      misses += missing.size();
    }
    Map<String, float[]> computed = missing.isEmpty() ? Map.of() : embedMissing(missing, mine);
    for (int i = 0; i < out.length; i++) {
      if (out[i] != null) continue;
      String text = key(texts.get(i));
      float[] v = computed.get(text);
      out[i] = v != null ? v.clone() : awaitOrEmbed(text, awaited.get(text));
    }
    return List.of(out);
  }

  /** Embeds the batch outside the lock, so that concurrent callers are not serialised behind one another. */
  private Map<String, float[]> embedMissing(List<String> missing, CompletableFuture<Map<String, float[]>> mine) {
    try {
      List<float[]> vectors = delegate.embedAll(missing);
      Map<String, float[]> computed = new HashMap<>();
      for (int j = 0; j < missing.size(); j++) computed.put(missing.get(j), vectors.get(j));
      synchronized (this) {
        cache.putAll(computed);
      }
      mine.complete(computed);
      return computed;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      synchronized (this) {
        missing.forEach(text -> inFlight.remove(text, mine));
      }
    }
  }

  /** The vector another caller is computing; when that caller failed, this one tries for itself. */
  private float[] awaitOrEmbed(String text, CompletableFuture<Map<String, float[]>> other) {
    try {
      return other.join().get(text).clone();
    } catch (CompletionException e) {
      return embed(text);
    }
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
