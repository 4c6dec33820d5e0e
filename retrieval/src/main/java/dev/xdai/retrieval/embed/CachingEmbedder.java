package dev.xdai.retrieval.embed;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.xdai.retrieval.Embedder;
import java.time.Duration;
import java.util.ArrayList;
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
 * An embedder that remembers the vectors of recently used texts (Caffeine, bounded, expiring), so a dialogue's history,
 * repeated queries and a persona's examples are embedded once. The service's one embedding cache: retrieval, the
 * response bank and every session's history selection share it. Each text is embedded once: a text being embedded is
 * an entry in flight that other callers wait for (the turn pipeline embeds the utterance ahead while retrieval already
 * needs it), and when that load fails a waiter embeds the text itself. Callers get copies, so the cache cannot be
 * corrupted.
 */
public final class CachingEmbedder implements Embedder {

  /**
   * A dialogue asks for its history's vectors every turn; a text unused this long belongs to a dialogue that has gone
   * quiet (the service drops a session's state after as long) or to an import, so its memory goes back.
   */
  static final Duration IDLE = Duration.ofMinutes(30);

  private final Embedder delegate;
  private final AsyncCache<String, float[]> cache;

  public CachingEmbedder(Embedder delegate, int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be positive");
    this.delegate = delegate;
    // Loads run on the calling thread, so the missing texts of one call reach the model as one batch.
    this.cache = Caffeine.newBuilder().maximumSize(capacity).expireAfterAccess(IDLE).executor(Runnable::run).recordStats()
        .buildAsync();
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
    return embedAll(List.of(key(text))).get(0);
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    List<String> keys = texts.stream().map(CachingEmbedder::key).toList();
    Map<String, float[]> vectors;
    try {
      vectors = load(keys);
    } catch (AwaitedFailure e) {
      vectors = load(keys); // the load this call waited for failed: embed for itself, once
    }
    List<float[]> out = new ArrayList<>(keys.size());
    for (String k : keys) out.add(vectors.get(k).clone());
    return out;
  }

  /**
   * Starts embedding {@code text} on {@code executor} unless it is known or in flight, so that a later call finds it
   * ready or waits for it: the service embeds a finished exchange while the user is typing the next utterance. A full
   * executor skips it.
   */
  public void prefetch(String text, Executor executor) {
    try {
      cache.get(key(text), (t, direct) -> CompletableFuture.supplyAsync(() -> delegate.embed(t), executor));
    } catch (RejectedExecutionException e) {
      // nothing was stored: the text is embedded when it is needed
    }
  }

  /** The cache itself, for metrics (size, hits, misses: texts sent to the model, evictions). */
  public Cache<?, ?> cache() {
    return cache.synchronous();
  }

  private static String key(String text) {
    return text == null ? "" : text;
  }

  private Map<String, float[]> load(List<String> texts) {
    AtomicBoolean loadedHere = new AtomicBoolean();
    CompletableFuture<Map<String, float[]>> all = cache.getAll(texts, (missing, executor) -> {
      loadedHere.set(true);
      return CompletableFuture.supplyAsync(() -> embed(missing), executor);
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

  private Map<String, float[]> embed(Set<? extends String> missing) {
    List<String> batch = List.copyOf(missing);
    List<float[]> vectors = delegate.embedAll(batch);
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

  @Override
  public void close() {
    delegate.close();
  }
}
