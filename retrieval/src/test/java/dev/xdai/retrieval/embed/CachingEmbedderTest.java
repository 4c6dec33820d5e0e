package dev.xdai.retrieval.embed;

import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.retrieval.Embedder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CachingEmbedderTest {

  /** Counts what reaches the model. */
  static final class Counting implements Embedder {
    final HashingEmbedder inner = new HashingEmbedder(16);
    final List<String> seen = new ArrayList<>();

    @Override
    public int dimension() {
      return 16;
    }

    @Override
    public float[] embed(String text) {
      seen.add(text);
      return inner.embed(text);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
      seen.addAll(texts);
      return inner.embedAll(texts);
    }
  }

  @Test
  void aTextIsEmbeddedOnceAndDuplicatesInABatchOnce() {
    Counting model = new Counting();
    CachingEmbedder cache = new CachingEmbedder(model, 100);
    List<float[]> first = cache.embedAll(List.of("甲", "乙", "甲", "丙"));
    assertEquals(List.of("甲", "乙", "丙"), model.seen);
    assertArrayEquals(first.get(0), first.get(2));
    cache.embed("乙");
    cache.embedAll(List.of("丙", "甲"));
    assertEquals(3, model.seen.size());
    assertArrayEquals(model.inner.embed("丙"), cache.embed("丙"));
    assertEquals(3, cache.stats().misses());
  }

  @Test
  void leastRecentlyUsedTextsAreEvicted() {
    Counting model = new Counting();
    CachingEmbedder cache = new CachingEmbedder(model, 2);
    cache.embed("a");
    cache.embed("b");
    cache.embed("a"); // a is now the most recent
    cache.embed("c"); // evicts b
    cache.embed("a");
    cache.embed("b");
    assertEquals(List.of("a", "b", "c", "b"), model.seen);
    assertTrue(cache.stats().size() <= 2);
  }

  @Test
  void callersCannotCorruptTheCache() {
    CachingEmbedder cache = new CachingEmbedder(new HashingEmbedder(8), 10);
    float[] v = cache.embed("文本");
    float[] copy = v.clone();
    v[0] = 42;
    assertArrayEquals(copy, cache.embed("文本"));
  }

  @Test
  void hashingVectorsAreDeterministicAndNormalised() {
    HashingEmbedder h = new HashingEmbedder(64);
    for (String s : List.of("北京大学", "今天天气怎么样", "x", "")) {
      assertArrayEquals(h.embed(s), h.embed(s));
      if (!s.isEmpty()) assertEquals(1.0, Embedder.cosine(h.embed(s), h.embed(s)), 1e-5);
    }
    assertTrue(Embedder.cosine(h.embed("今天天气怎么样"), h.embed("今天天气如何")) > Embedder.cosine(h.embed("今天天气怎么样"), h.embed("我想买一台电脑")));
  }
}
