package dev.xdai.retrieval.embed;

import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.retrieval.Embedder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BgeSmallZhEmbedderTest {

  static BgeSmallZhEmbedder embedder;

  @BeforeAll
  static void load() {
    embedder = BgeSmallZhEmbedder.create();
  }

  @AfterAll
  static void close() {
    embedder.close();
  }

  @Test
  void vectorsHaveTheModelsDimensionAndUnitLength() {
    for (String s : List.of("今天天气怎么样", "", " ", "a", "ＡＢＣ全角", "😀表情", "北京大学".repeat(400))) {
      float[] v = embedder.embed(s);
      assertEquals(512, v.length, s);
      assertEquals(1.0, Embedder.cosine(v, v), 1e-4, s);
    }
  }

  @ParameterizedTest(name = "{0} ~ {1} more than ~ {2}")
  @CsvSource({
      "今天天气怎么样, 今天天气如何, 我想买一台电脑",
      "北京大学在哪里, 北大的地址是什么, 今天天气如何",
      "你喜欢看电影吗, 你平时爱看电影吗, 这道菜太咸了",
      "滑雪是什么运动, 滑雪运动是什么, 我的手机没电了",
      "这家酒店的早餐很好吃, 酒店早餐味道不错, 火车晚点了两个小时",
      "周杰伦的歌好听吗, 你觉得周杰伦唱得怎么样, 明天要交作业",
  })
  void paraphrasesAreCloserThanUnrelatedSentences(String a, String paraphrase, String unrelated) {
    List<float[]> v = embedder.embedAll(List.of(a, paraphrase, unrelated));
    double close = Embedder.cosine(v.get(0), v.get(1));
    double far = Embedder.cosine(v.get(0), v.get(2));
    assertTrue(close > far + 0.2, a + ": paraphrase " + close + " vs unrelated " + far);
  }

  @Test
  void aBatchGivesTheSameVectorsAsOneByOneInInputOrder() {
    List<String> texts = new ArrayList<>(List.of("短", "一个稍微长一点的句子，用来测试填充。", "今天天气如何", "", "北京大学的历史可以追溯到京师大学堂"));
    for (int i = 0; i < 40; i++) texts.add("第" + i + "个句子" + "很".repeat(i % 7));
    List<float[]> batch = embedder.embedAll(texts);
    assertEquals(texts.size(), batch.size());
    for (int i = 0; i < texts.size(); i++) {
      assertArrayEquals(embedder.embed(texts.get(i)), batch.get(i), 1e-5f, texts.get(i));
    }
  }

  @Test
  void batchedCallsStayCloseToSingleOnes() {
    List<String> texts = List.of("短", "今天天气如何", "北京大学的历史可以追溯到京师大学堂", "");
    try (BgeSmallZhEmbedder batched = BgeSmallZhEmbedder.create(new BgeSmallZhEmbedder.Options(512, 8, 1, 1))) {
      List<float[]> v = batched.embedAll(texts);
      // The int8 model quantises activations per call, so padding and neighbours move a vector a little, not more.
      for (int i = 0; i < texts.size(); i++) assertTrue(Embedder.cosine(v.get(i), embedder.embed(texts.get(i))) > 0.97, texts.get(i));
    }
  }

  // The service stops while a prefetch thread is still embedding: close must wait for it (freeing the native model
  // under a running call crashed the JVM), and later calls get a clear error.
  @Test
  void closeWaitsForTheCallsInFlightAndLaterCallsAreRefused() throws Exception {
    BgeSmallZhEmbedder closing = BgeSmallZhEmbedder.create(new BgeSmallZhEmbedder.Options(512, 8, 1, 2));
    java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
    List<Throwable> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      threads.add(Thread.ofPlatform().daemon().start(() -> {
        try {
          while (true) {
            closing.embedAll(List.of("北京大学的历史可以追溯到京师大学堂", "今天天气如何", "猫喜欢吃鱼"));
            done.incrementAndGet();
            running.countDown();
          }
        } catch (IllegalStateException e) {
          if (!e.getMessage().contains("closed")) unexpected.add(e);
        } catch (Throwable e) {
          unexpected.add(e);
        }
      }));
    }
    assertTrue(running.await(60, java.util.concurrent.TimeUnit.SECONDS));
    closing.close();
    for (Thread t : threads) t.join(60_000);
    assertTrue(unexpected.isEmpty(), unexpected.toString());
    assertTrue(done.get() > 0);
    var refused = assertThrows(IllegalStateException.class, () -> closing.embed("你好"));
    assertTrue(refused.getMessage().contains("closed"), refused.getMessage());
  }

  @Test
  void concurrentCallersGetTheirOwnResults() throws Exception {
    List<String> texts = List.of("猫喜欢吃鱼", "狗喜欢啃骨头", "今天天气如何", "我想买一台电脑");
    List<float[]> expected = texts.stream().map(embedder::embed).toList();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int t = 0; t < 4; t++) {
      int offset = t;
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          for (int r = 0; r < 5; r++) {
            int i = (offset + r) % texts.size();
            assertTrue(Embedder.cosine(expected.get(i), embedder.embed(texts.get(i))) > 0.999);
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    for (Thread t : threads) t.join();
    assertEquals(List.of(), failures);
  }
}
