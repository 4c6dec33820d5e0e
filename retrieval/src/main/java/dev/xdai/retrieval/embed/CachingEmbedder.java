package dev.xdai.retrieval.embed;

import dev.xdai.retrieval.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An embedder that remembers the vectors of recently used texts ({@link VectorCache}), so a dialogue's history and
 * repeated queries are embedded once, and a text another caller is embedding right now is waited for: the turn
 * pipeline embeds the utterance ahead while retrieval already needs it. Callers get copies, so the cache cannot be
 * corrupted.
 */
public final class CachingEmbedder implements Embedder {

  private final Embedder delegate;
  private final VectorCache cache;

  public CachingEmbedder(Embedder delegate, int capacity) {
    this.delegate = delegate;
    this.cache = new VectorCache(capacity);
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
    List<String> keys = texts.stream().map(t -> t == null ? "" : t).toList();
    Map<String, float[]> vectors = cache.getAll(keys, delegate);
    List<float[]> out = new ArrayList<>(keys.size());
    for (String k : keys) out.add(vectors.get(k).clone());
    return out;
  }

  public VectorCache.Stats stats() {
    return cache.stats();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
