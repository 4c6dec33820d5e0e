package dev.xdai.dialogue;

import dev.xdai.retrieval.Embedder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Embeddings of one session's texts, so that no text is embedded twice in a session; missing texts are embedded in
 * one batch. Bounded: the oldest entries go first. Thread-safe.
 */
public final class EmbeddingCache {

  private final Embedder embedder;
  private final Map<String, float[]> vectors;
  /** Texts being embedded in the background ({@link #prefetch}); a caller that needs one waits for it. */
  private final Map<String, CompletableFuture<float[]>> pending = new ConcurrentHashMap<>();

  public EmbeddingCache(Embedder embedder, int capacity) {
    this.embedder = embedder;
    this.vectors = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
        return size() > capacity;
      }
    };
  }

  /**
   * Starts embedding {@code text} on {@code executor}, so that a later {@link #vectors} finds it ready: the service
   * embeds a finished exchange while the user is typing the next utterance. A full executor just skips it.
   */
  public void prefetch(String text, Executor executor) {
    synchronized (vectors) {
      if (vectors.containsKey(text)) return;
    }
    CompletableFuture<float[]> future = new CompletableFuture<>();
    if (pending.putIfAbsent(text, future) != null) return;
    try {
      executor.execute(() -> {
        try {
          float[] v = embedder.embed(text);
          synchronized (vectors) {
            vectors.put(text, v);
          }
          future.complete(v);
        } catch (RuntimeException e) {
          future.completeExceptionally(e);
        } finally {
          pending.remove(text, future);
        }
      });
    } catch (RejectedExecutionException e) {
      pending.remove(text, future);
      future.cancel(false);
    }
  }

  /** Vectors for {@code texts}, in order, embedding only those not seen before. */
  public List<float[]> vectors(List<String> texts) {
    // Texts being embedded in the background are waited for after the missing ones are embedded here, so that both
    // run at once (a user who answers quickly finds the previous exchange still in flight).
    List<CompletableFuture<float[]>> inFlight = new ArrayList<>();
    embedMissing(texts, inFlight);
    for (CompletableFuture<float[]> f : inFlight) {
      try {
        f.join();
      } catch (CancellationException | CompletionException e) {
        // the background attempt failed: embedded below like any missing text
      }
    }
    if (!inFlight.isEmpty()) embedMissing(texts, new ArrayList<>());
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

  /** Embeds the texts neither cached nor in flight; those in flight are added to {@code inFlight}. */
  private void embedMissing(List<String> texts, List<CompletableFuture<float[]>> inFlight) {
    List<String> missing = new ArrayList<>();
    synchronized (vectors) {
      for (String t : texts) {
        if (vectors.containsKey(t) || missing.contains(t)) continue;
        CompletableFuture<float[]> f = pending.get(t);
        if (f != null) inFlight.add(f);
        else missing.add(t);
      }
    }
    if (missing.isEmpty()) return;
    List<float[]> fresh = embedder.embedAll(missing);
    synchronized (vectors) {
      for (int i = 0; i < missing.size(); i++) vectors.put(missing.get(i), fresh.get(i));
    }
  }

  public float[] vector(String text) {
    return vectors(List.of(text)).get(0);
  }

  public int size() {
    synchronized (vectors) { return vectors.size(); }
  }
}
