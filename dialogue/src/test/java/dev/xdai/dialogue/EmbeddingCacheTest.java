package dev.xdai.dialogue;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EmbeddingCacheTest {

  final Doubles.CharEmbedder embedder = new Doubles.CharEmbedder();

  @Test
  void aPrefetchedTextIsNotEmbeddedAgain() {
    EmbeddingCache cache = new EmbeddingCache(embedder, 10);
    List<Runnable> queued = new ArrayList<>();
    cache.prefetch("你好 你好呀", queued::add);
    assertEquals(0, embedder.embedded.get()); // nothing ran yet
    queued.forEach(Runnable::run);
    assertEquals(1, embedder.embedded.get());
    cache.vectors(List.of("你好 你好呀", "新的问题"));
    assertEquals(2, embedder.embedded.get()); // only the new text
    cache.prefetch("你好 你好呀", queued::add);
    assertEquals(1, queued.size()); // already known: not queued again
  }

  @Test
  void aCallerWaitsForAPrefetchInFlightInsteadOfEmbeddingTwice() throws Exception {
    EmbeddingCache cache = new EmbeddingCache(embedder, 10);
    CountDownLatch release = new CountDownLatch(1);
    Executor slow = task -> new Thread(() -> {
      try {
        release.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      task.run();
    }).start();
    cache.prefetch("在吗 在的", slow);
    Thread caller = new Thread(() -> cache.vectors(List.of("在吗 在的")));
    caller.start();
    Thread.sleep(100);
    assertTrue(caller.isAlive(), "the caller waits for the background embedding");
    release.countDown();
    caller.join(5000);
    assertFalse(caller.isAlive());
    assertEquals(1, embedder.embedded.get());
  }

  @Test
  void newTextsAreEmbeddedWhileAPrefetchIsStillInFlight() throws Exception {
    EmbeddingCache cache = new EmbeddingCache(embedder, 10);
    CountDownLatch release = new CountDownLatch(1);
    cache.prefetch("上一轮 回答", task -> new Thread(() -> {
      try {
        release.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      task.run();
    }).start());
    List<List<float[]>> result = new ArrayList<>();
    Thread caller = new Thread(() -> result.add(cache.vectors(List.of("上一轮 回答", "这一轮的问题"))));
    caller.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (embedder.embedded.get() < 1 && System.nanoTime() < deadline) Thread.sleep(5);
    assertEquals(1, embedder.embedded.get(), "the new text is embedded before the background one finishes");
    assertTrue(caller.isAlive(), "and the caller still waits for the background one");
    release.countDown();
    caller.join(5000);
    assertEquals(2, embedder.embedded.get());
    assertArrayEquals(embedder.embed("上一轮 回答"), result.get(0).get(0));
    assertArrayEquals(embedder.embed("这一轮的问题"), result.get(0).get(1));
  }

  @Test
  void aFullExecutorSkipsThePrefetchAndTheTextIsEmbeddedWhenNeeded() {
    EmbeddingCache cache = new EmbeddingCache(embedder, 10);
    cache.prefetch("忙", task -> { throw new RejectedExecutionException("full"); });
    assertEquals(0, cache.size());
    assertEquals(1, cache.vectors(List.of("忙")).size());
    assertEquals(1, embedder.embedded.get());
  }
}
