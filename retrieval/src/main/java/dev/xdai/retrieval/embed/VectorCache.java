package dev.xdai.retrieval.embed;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.xdai.retrieval.Embedder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Vectors of texts, bounded (Caffeine), each text embedded once: a text being embedded is an entry in flight that
 * other callers wait for, and when that load fails a waiter embeds the text itself. The one cache behind both the
 * service-wide {@link CachingEmbedder} and a session's embeddings.
 */
public final class VectorCache {

  private final AsyncCache<String, float[]> cache;

  public VectorCache(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be positive");
    // Loads run on the calling thread, so the missing texts of one call reach the model as one batch.
    this.cache = Caffeine.newBuilder().maximumSize(capacity).executor(Runnable::run).recordStats().buildAsync();
  }

  /** The vectors of {@code texts} by text (the cached arrays themselves), embedding the missing ones in one batch. */
  public Map<String, float[]> getAll(List<String> texts, Embedder embedder) {
    try {
      return load(texts, embedder);
    } catch (AwaitedFailure e) {
      return load(texts, embedder); // the load this call waited for failed: embed for itself, once
    }
  }

  /**
   * Starts embedding {@code text} on {@code executor} unless it is known or in flight, so that a later
   * {@link #getAll} finds it ready; a full executor skips it.
   */
  public void prefetch(String text, Embedder embedder, Executor executor) {
    try {
      cache.get(text, (t, direct) -> CompletableFuture.supplyAsync(() -> embedder.embed(t), executor));
    } catch (RejectedExecutionException e) {
      // nothing was stored: the text is embedded when it is needed
    }
  }

  private Map<String, float[]> load(List<String> texts, Embedder embedder) {
    AtomicBoolean loadedHere = new AtomicBoolean();
    CompletableFuture<Map<String, float[]>> all = cache.getAll(texts, (missing, executor) -> {
      loadedHere.set(true);
      return CompletableFuture.supplyAsync(() -> embed(missing, embedder), executor);
    });
    try {
      return all.join();
    } catch (CompletionException e) {
      if (loadedHere.get() && e.getCause() instanceof RuntimeException r) throw r;
      if (loadedHere.get() && e.getCause() instanceof Error err) throw err;
      for (String t : texts) {
        CompletableFuture<float[]> f = cache.getIfPresent(t);
        if (f != null && f.isCompletedExceptionally()) cache.asMap().remove(t, f);
      }
      throw new AwaitedFailure();
    }
  }

  private static Map<String, float[]> embed(Set<? extends String> missing, Embedder embedder) {
    List<String> batch = List.copyOf(missing);
    List<float[]> vectors = embedder.embedAll(batch);
    Map<String, float[]> out = new HashMap<>();
    for (int i = 0; i < batch.size(); i++) out.put(batch.get(i), vectors.get(i));
    return out;
  }

  /** Thrown when a load this call only waited for failed; the failed entries are already gone. */
  private static final class AwaitedFailure extends RuntimeException {
    AwaitedFailure() {
      super(null, null, false, false);
    }
  }

  /** How many texts were answered from the cache, how many were embedded, and how many are kept. */
  public Stats stats() {
    cache.synchronous().cleanUp();
    var s = cache.synchronous().stats();
    return new Stats(s.hitCount(), s.missCount(), cache.synchronous().estimatedSize());
  }

  /** Cache counters. */
  public record Stats(long hits, long misses, long size) {}
}
