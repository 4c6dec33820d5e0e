package dev.xdai.dialogue;

import dev.xdai.retrieval.Embedder;
import dev.xdai.retrieval.embed.VectorCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Embeddings of one session's texts, so that no text is embedded twice in a session however busy the service-wide
 * cache is; missing texts are embedded in one batch, and a text embedded in the background is waited for. Bounded.
 * Thread-safe.
 */
public final class EmbeddingCache {

  private final Embedder embedder;
  private final VectorCache vectors;

  public EmbeddingCache(Embedder embedder, int capacity) {
    this.embedder = embedder;
    this.vectors = new VectorCache(capacity);
  }

  /**
   * Starts embedding {@code text} on {@code executor}, so that a later {@link #vectors} finds it ready: the service
   * embeds a finished exchange while the user is typing the next utterance. A full executor just skips it.
   */
  public void prefetch(String text, Executor executor) {
    vectors.prefetch(text, embedder, executor);
  }

  /** Vectors for {@code texts}, in order, embedding only those not seen before. */
  public List<float[]> vectors(List<String> texts) {
    Map<String, float[]> found = vectors.getAll(texts, embedder);
    List<float[]> out = new ArrayList<>(texts.size());
    for (String t : texts) out.add(found.get(t));
    return out;
  }

  public float[] vector(String text) {
    return vectors(List.of(text)).get(0);
  }

  public long size() {
    return vectors.stats().size();
  }
}
