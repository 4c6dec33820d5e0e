package dev.xdai.retrieval.embed;

import dev.xdai.retrieval.testing.HashingEmbedder;
import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.retrieval.Embedder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CachingEmbedderTest {

  /** Counts what reaches the model. */
  static final class Counting implements Embedder {
    final HashingEmbedder inner = new HashingEmbedder(16);
    final List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());

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

  /** Blocks in the model until released; fails the first call when told to. */
  static final class Gated implements Embedder {
    final HashingEmbedder inner = new HashingEmbedder(16);
    final List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    final java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    final java.util.concurrent.atomic.AtomicBoolean failFirst = new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public int dimension() {
      return 16;
    }

    @Override
    public float[] embed(String text) {
      return embedAll(List.of(text)).get(0);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
      seen.addAll(texts);
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      if (failFirst.getAndSet(false)) throw new IllegalStateException("model failed");
      return inner.embedAll(texts);
    }
  }

  @Test
  void aTextBeingEmbeddedIsWaitedForNotEmbeddedAgain() throws Exception {
    Gated model = new Gated();
    CachingEmbedder cache = new CachingEmbedder(model, 100);
    var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> cache.embed("甲"));
    model.entered.await();
    var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> cache.embedAll(List.of("甲", "乙")));
    Thread.sleep(100); // the second caller is now waiting for 甲 (and has sent 乙 to the model)
    model.release.countDown();
    assertArrayEquals(first.get(), second.get().get(0));
    assertArrayEquals(new HashingEmbedder(16).embed("乙"), second.get().get(1));
    assertEquals(1, model.seen.stream().filter("甲"::equals).count(), "甲 reached the model once: " + model.seen);
  }

  @Test
  void whenTheCallerEmbeddingATextFailsAWaiterEmbedsItItself() throws Exception {
    Gated model = new Gated();
    model.failFirst.set(true);
    CachingEmbedder cache = new CachingEmbedder(model, 100);
    var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> cache.embed("甲"));
    model.entered.await();
    var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> cache.embed("甲"));
    Thread.sleep(100);
    model.release.countDown();
    assertThrows(java.util.concurrent.ExecutionException.class, first::get);
    assertArrayEquals(new HashingEmbedder(16).embed("甲"), second.get());
    assertEquals(List.of("甲", "甲"), model.seen);
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
    assertEquals(3, cache.cache().stats().missCount());
  }

  @Test
  void theCacheStaysWithinItsCapacity() {
    Counting model = new Counting();
    CachingEmbedder cache = new CachingEmbedder(model, 10);
    for (int round = 0; round < 2; round++) for (int i = 0; i < 50; i++) cache.embed("文本" + i);
    cache.cache().cleanUp();
    assertTrue(cache.cache().estimatedSize() <= 10, "kept " + cache.cache().estimatedSize());
    assertTrue(model.seen.size() > 50, "evicted texts are embedded again: " + model.seen.size());
  }

  @Test
  void vectorsUnusedForHalfAnHourExpire() {
    var expiry = new CachingEmbedder(new HashingEmbedder(8), 10).cache().policy().expireAfterAccess().orElseThrow();
    assertEquals(java.time.Duration.ofMinutes(30), expiry.getExpiresAfter());
  }

  @Test
  void aPrefetchedTextIsNotEmbeddedAgain() {
    Counting model = new Counting();
    CachingEmbedder cache = new CachingEmbedder(model, 10);
    List<Runnable> queued = new ArrayList<>();
    cache.prefetch("你好 你好呀", queued::add);
    assertEquals(List.of(), model.seen); // nothing ran yet
    queued.forEach(Runnable::run);
    assertEquals(List.of("你好 你好呀"), model.seen);
    cache.embedAll(List.of("你好 你好呀", "新的问题"));
    assertEquals(List.of("你好 你好呀", "新的问题"), model.seen); // only the new text
    cache.prefetch("你好 你好呀", queued::add);
    assertEquals(1, queued.size()); // already known: not queued again
  }

  @Test
  void newTextsAreEmbeddedWhileAPrefetchIsStillInFlightAndThePrefetchIsWaitedFor() throws Exception {
    Counting model = new Counting();
    CachingEmbedder cache = new CachingEmbedder(model, 10);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    cache.prefetch("上一轮 回答", task -> new Thread(() -> {
      try {
        release.await(5, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      task.run();
    }).start());
    var result = java.util.concurrent.CompletableFuture.supplyAsync(() -> cache.embedAll(List.of("上一轮 回答", "这一轮的问题")));
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    while (model.seen.isEmpty() && System.nanoTime() < deadline) Thread.sleep(5);
    assertEquals(List.of("这一轮的问题"), model.seen, "the new text is embedded before the background one finishes");
    Thread.sleep(50);
    assertFalse(result.isDone(), "and the caller still waits for the background one");
    release.countDown();
    List<float[]> vectors = result.get(5, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(2, model.seen.size());
    assertArrayEquals(model.inner.embed("上一轮 回答"), vectors.get(0));
    assertArrayEquals(model.inner.embed("这一轮的问题"), vectors.get(1));
  }

  @Test
  void aFullExecutorSkipsThePrefetchAndTheTextIsEmbeddedWhenNeeded() {
    Counting model = new Counting();
    CachingEmbedder cache = new CachingEmbedder(model, 10);
    cache.prefetch("忙", task -> { throw new java.util.concurrent.RejectedExecutionException("full"); });
    assertEquals(0, cache.cache().estimatedSize());
    assertArrayEquals(model.inner.embed("忙"), cache.embed("忙"));
    assertEquals(List.of("忙"), model.seen);
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
