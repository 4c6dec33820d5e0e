package dev.xdai.retrieval.index;

import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.retrieval.testing.HashingEmbedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class KnowledgeIndexTest {

  static final HashingEmbedder EMBEDDER = new HashingEmbedder(64);

  KnowledgeIndex index;

  @BeforeEach
  void open() {
    index = KnowledgeIndex.inMemory(EMBEDDER, KnowledgeIndex.Options.defaults());
  }

  @AfterEach
  void close() {
    index.close();
  }

  static IndexedKnowledge qa(String id, String q, String a, String pack, String... entities) {
    return IndexedKnowledge.qa(id, q, a, "test", pack, List.of(entities));
  }

  static List<String> ids(KnowledgeIndex index, List<KnowledgeIndex.ScoredDoc> docs, KnowledgeIndex.View v) {
    return docs.stream().map(d -> v.load(d.doc()).id()).toList();
  }

  List<String> textSearch(String text, KnowledgeFilter filter) {
    try (KnowledgeIndex.View v = index.view()) {
      return ids(index, v.text(text, filter, 10), v);
    }
  }

  @Test
  void upsertStoresEveryFieldAndReplacesBySameId() {
    assertTrue(index.needsRebuild());
    index.upsert(List.of(qa("q1", "什么是滑雪？", "滑雪是一项冬季运动。", "sport", "e:ski", "e:winter")));
    assertFalse(index.needsRebuild());
    IndexedKnowledge got = index.get("q1").orElseThrow();
    assertEquals(qa("q1", "什么是滑雪？", "滑雪是一项冬季运动。", "sport", "e:ski", "e:winter"), got);
    index.upsert(List.of(qa("q1", "滑雪难学吗？", "入门不难。", "sport")));
    assertEquals(1, index.size());
    assertEquals("滑雪难学吗？", index.get("q1").orElseThrow().title());
    assertEquals(List.of(), index.get("q1").orElseThrow().entityIds());
  }

  @Test
  void anIdRepeatedInOneBatchBecomesOneDocument() {
    index.upsert(List.of(qa("x", "一", "一", "p"), qa("x", "二", "二", "p")));
    index.rebuild(List.of(qa("y", "一", "一", "p"), qa("y", "二", "二", "p"), qa("z", "三", "三", "p")));
    assertEquals(2, index.size());
    assertEquals("二", index.get("y").orElseThrow().title());
  }

  @Test
  void writesAreVisibleToTheNextViewButNotToAnOpenOne() {
    index.upsert(List.of(qa("a", "长城有多长", "两万多公里", "travel")));
    try (KnowledgeIndex.View before = index.view()) {
      index.upsert(List.of(qa("b", "故宫门票多少钱", "六十元", "travel")));
      assertEquals(List.of(), ids(index, before.text("故宫门票", KnowledgeFilter.ALL, 5), before));
      try (KnowledgeIndex.View after = index.view()) {
        assertEquals(List.of("b"), ids(index, after.text("故宫门票", KnowledgeFilter.ALL, 5), after));
      }
    }
  }

  @Test
  void deleteByIdAndByPack() {
    index.upsert(List.of(qa("a", "长城有多长", "两万多公里", "travel"), qa("b", "长城在哪里", "在中国北方", "travel"),
        qa("c", "长城电影的导演是谁", "张艺谋", "film")));
    index.delete(List.of("a", "unknown"));
    assertEquals(List.of("c", "b"), sorted(textSearch("长城", KnowledgeFilter.ALL)));
    index.deletePack("travel");
    assertEquals(List.of("c"), textSearch("长城", KnowledgeFilter.ALL));
    index.deletePack("no-such-pack");
    assertEquals(1, index.size());
  }

  private static List<String> sorted(List<String> ids) {
    return ids.stream().sorted(java.util.Comparator.reverseOrder()).toList();
  }

  @Test
  void replacePackSwapsOnePackAndLeavesTheOthers() {
    index.upsert(List.of(qa("t1", "长城有多长", "两万多公里", "travel"), qa("f1", "长城电影的导演是谁", "张艺谋", "film")));
    index.replacePack("travel", List.of(qa("t2", "长城哪段最好玩", "八达岭", "travel")));
    assertTrue(index.get("t1").isEmpty());
    assertTrue(index.get("t2").isPresent());
    assertTrue(index.get("f1").isPresent());
  }

  @Test
  void replacingAPackAgainEmbedsOnlyWhatChanged() {
    java.util.concurrent.atomic.AtomicInteger embedded = new java.util.concurrent.atomic.AtomicInteger();
    dev.xdai.retrieval.Embedder counting = new dev.xdai.retrieval.Embedder() {
      @Override public int dimension() { return EMBEDDER.dimension(); }
      @Override public String name() { return EMBEDDER.name(); }
      @Override public float[] embed(String text) { embedded.incrementAndGet(); return EMBEDDER.embed(text); }
      @Override public List<float[]> embedAll(List<String> texts) { embedded.addAndGet(texts.size()); return EMBEDDER.embedAll(texts); }
    };
    try (KnowledgeIndex counted = KnowledgeIndex.inMemory(counting, KnowledgeIndex.Options.defaults())) {
      List<IndexedKnowledge> pack = new java.util.ArrayList<>();
      for (int i = 0; i < 600; i++) pack.add(qa("t" + i, "景点" + i + "在哪里", "在城东第" + i + "街", "travel", "e" + i));
      counted.upsert(List.of(qa("f1", "长城电影的导演是谁", "张艺谋", "film")));
      assertEquals(new KnowledgeIndex.PackUpdate(0, 600, 0), counted.replacePack("travel", pack));
      assertEquals(601, embedded.get());

      // Again with one answer changed, one item gone and one new: only two are embedded.
      pack.set(7, qa("t7", "景点7在哪里", "搬到了城西", "travel", "e7"));
      pack.remove(8);
      pack.add(qa("t-new", "新景点在哪里", "在城北", "travel"));
      embedded.set(0);
      assertEquals(new KnowledgeIndex.PackUpdate(598, 2, 1), counted.replacePack("travel", pack));
      assertEquals(2, embedded.get());
      assertEquals(601, counted.size());
      assertEquals("搬到了城西", counted.get("t7").orElseThrow().text());
      assertTrue(counted.get("t8").isEmpty());
      assertTrue(counted.get("f1").isPresent());
      // The kept documents are still found by their vectors and words.
      try (KnowledgeIndex.View v = counted.view()) {
        assertEquals("t42", v.load(v.vector(counting.embed("景点42在哪里"), KnowledgeFilter.ALL, 1).get(0).doc()).id());
        assertEquals("t42", v.load(v.text("景点42在哪里", KnowledgeFilter.ALL, 1).get(0).doc()).id());
      }
    }
  }

  @Test
  void aFailedWriteLeavesTheIndexAsItWasAndUsable() {
    index.upsert(List.of(qa("t1", "长城有多长", "两万多公里", "travel")));
    assertThrows(IllegalArgumentException.class,
        () -> index.replacePack("travel", List.of(qa("t2", "故宫", "紫禁城", "travel"), qa("f1", "电影", "好看", "film"))));
    assertEquals(1, index.size());
    assertTrue(index.get("t1").isPresent());
    index.upsert(List.of(qa("t3", "颐和园在哪", "北京西郊", "travel")));
    assertEquals(2, index.size());
  }

  @Test
  void rebuildReplacesEverythingInChunks() {
    index.upsert(List.of(qa("old", "旧的问题", "旧的答案", "p")));
    List<IndexedKnowledge> many = new ArrayList<>();
    for (int i = 0; i < KnowledgeIndex.CHUNK * 2 + 7; i++) many.add(qa("n" + i, "问题" + i, "答案" + i, "p" + (i % 3)));
    index.rebuild(many);
    assertEquals(many.size(), index.size());
    assertTrue(index.get("old").isEmpty());
    assertEquals(many.get(500), index.get("n500").orElseThrow());
  }

  @Test
  void searchesKeepToTheRequestedPacksAndFormats() {
    index.upsert(List.of(qa("t", "长城有多长", "两万多公里", "travel"), qa("f", "长城电影的导演是谁", "张艺谋", "film"),
        IndexedKnowledge.description("d", "长城", "中国古代的军事防御工程", "kb", "travel", List.of("e:wall"))));
    assertEquals(Set.of("t", "d"), Set.copyOf(textSearch("长城", KnowledgeFilter.packs("travel"))));
    assertEquals(Set.of("t", "f", "d"), Set.copyOf(textSearch("长城", KnowledgeFilter.ALL)));
    assertEquals(Set.of("t", "f", "d"), Set.copyOf(textSearch("长城", KnowledgeFilter.packs("travel", "film"))));
    assertEquals(List.of(), textSearch("长城", KnowledgeFilter.packs("music")));
    KnowledgeFilter descriptions = new KnowledgeFilter(Set.of(), Set.of(KnowledgeItem.Format.DESCRIPTION));
    assertEquals(List.of("d"), textSearch("长城", descriptions));
    try (KnowledgeIndex.View v = index.view()) {
      assertEquals(List.of("d"), ids(index, v.vector(EMBEDDER.embed("长城"), descriptions, 10), v));
      assertEquals(Set.of("t", "d"), Set.copyOf(ids(index, v.vector(EMBEDDER.embed("长城"), KnowledgeFilter.packs("travel"), 10), v)));
      assertEquals(List.of("d"), ids(index, v.entities(List.of("e:wall"), EMBEDDER.embed("长城"), "长城", KnowledgeFilter.ALL, 10), v));
      assertEquals(List.of(), ids(index, v.entities(List.of("e:wall"), EMBEDDER.embed("长城"), "长城", KnowledgeFilter.packs("film"), 10), v));
    }
  }

  @Test
  void theQuestionOutweighsTheAnswerInBm25() {
    index.upsert(List.of(qa("answerMentions", "这座城市有什么好吃的", "可以去吃烤鸭，也可以去故宫附近逛逛", "travel"),
        qa("questionMentions", "故宫好玩吗", "值得一去", "travel")));
    assertEquals("questionMentions", textSearch("故宫", KnowledgeFilter.ALL).get(0));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "title:长城 AND text:*", "长城\" OR 1=1 --", "*", "?", "(长城", "长城)", "[0 TO 9]", "{a TO b}", "~长城~2", "长城^100",
      "+长城 -故宫", "a && b || c", "\\", "/regex.*/", "MATCH (n) DETACH DELETE n", "'; DROP TABLE knowledge; --",
      "CALL db.index.fulltext.queryNodes('x', '*')", "${jndi:ldap://x}", "!!!", "\u0000\u0001", "   ", "",
      "长城长城长城长城长城长城长城长城长城长城长城长城长城长城长城长城长城长城长城长城长城长城长城长城长城长城长城长城长城长城长城长城",
  })
  void querySyntaxIsNeverInterpreted(String text) {
    index.upsert(List.of(qa("t", "长城有多长", "两万多公里", "travel")));
    List<String> hits = textSearch(text, KnowledgeFilter.ALL);
    assertTrue(hits.isEmpty() || hits.equals(List.of("t")), text + " -> " + hits);
    assertEquals(1, index.size()); // and nothing was deleted
  }

  @Test
  void aVeryLongQueryIsCutToABoundedNumberOfTerms() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 3000; i++) b.append("词").append(i).append(' ');
    List<String> terms = index.terms(b.toString());
    assertEquals(KnowledgeIndex.MAX_QUERY_TERMS, terms.size());
    index.upsert(List.of(qa("t", String.join(" ", terms), "x", "p"), qa("u", "词0", "x", "p")));
    assertEquals(List.of("t"), textSearch(b.toString(), KnowledgeFilter.ALL));
  }

  @Test
  void aLoneSharedWordIsNotEnoughForBm25() {
    index.upsert(List.of(qa("one", "什么是滑雪", "一项运动", "p"), qa("two", "初学者学滑雪难吗", "不难", "p")));
    assertEquals(List.of(), textSearch("新手滑雪好学吗", KnowledgeFilter.ALL)); // shares 滑雪 only: 1 of 3 terms
    assertEquals(List.of("one"), textSearch("滑雪", KnowledgeFilter.ALL).subList(0, 1));
    assertEquals("two", textSearch("初学者滑雪", KnowledgeFilter.ALL).get(0)); // 2 terms: one suffices, more ranks first
  }

  @Test
  void fullWidthAndCaseAreFoldedForBm25() {
    index.upsert(List.of(qa("t", "ＡＩ是什么", "人工智能", "tech"), qa("u", "iPhone多少钱", "很贵", "tech")));
    assertEquals(List.of("t"), textSearch("ai", KnowledgeFilter.ALL));
    assertEquals(List.of("u"), textSearch("ＩＰＨＯＮＥ", KnowledgeFilter.ALL));
  }

  @ParameterizedTest
  @EnumSource(KnowledgeIndex.VectorStorage.class)
  void everyVectorStorageFindsTheNearestItem(KnowledgeIndex.VectorStorage storage) {
    try (KnowledgeIndex idx = KnowledgeIndex.inMemory(EMBEDDER, KnowledgeIndex.Options.defaults().withVectors(storage))) {
      List<IndexedKnowledge> items = new ArrayList<>();
      for (int i = 0; i < 300; i++) items.add(qa("n" + i, "编号" + i + "的问题是关于第" + (i * 7) + "件事", "答", "p"));
      idx.rebuild(items);
      try (KnowledgeIndex.View v = idx.view()) {
        List<String> hits = ids(idx, v.vector(EMBEDDER.embed("编号123的问题是关于第861件事"), KnowledgeFilter.ALL, 3), v);
        if (storage == KnowledgeIndex.VectorStorage.NONE) assertEquals(List.of(), hits);
        else assertEquals("n123", hits.get(0));
      }
    }
  }

  @Test
  void searchesRunSafelyWhileWritesGoOn() throws Exception {
    index.upsert(List.of(qa("stable", "长城有多长", "两万多公里", "travel")));
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread writer = Thread.ofPlatform().start(() -> {
      try {
        for (int round = 0; round < 20; round++) {
          index.replacePack("churn", List.of(qa("c" + round, "长城第" + round + "段", "变动", "churn")));
        }
      } catch (Throwable e) {
        failures.add(e);
      }
    });
    List<Thread> readers = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      readers.add(Thread.ofPlatform().start(() -> {
        try {
          for (int i = 0; i < 50; i++) {
            try (KnowledgeIndex.View v = index.view()) {
              List<String> hits = ids(index, v.text("长城", KnowledgeFilter.ALL, 5), v);
              assertTrue(hits.contains("stable"), hits.toString());
              // A replaced pack is never seen half-done: one churn item at a time.
              assertTrue(hits.stream().filter(h -> h.startsWith("c")).count() <= 1, hits.toString());
              assertTrue(hits.size() <= 2, hits.toString());
            }
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    writer.join();
    for (Thread r : readers) r.join();
    assertEquals(List.of(), failures);
    assertEquals(2, index.size());
  }

  @Test
  void anOnDiskIndexSurvivesReopeningAndIsClearedForAnotherEmbedder(@TempDir Path dir) {
    try (KnowledgeIndex idx = KnowledgeIndex.onDisk(dir, EMBEDDER, KnowledgeIndex.Options.defaults())) {
      assertTrue(idx.needsRebuild());
      idx.upsert(List.of(qa("t", "长城有多长", "两万多公里", "travel")));
    }
    try (KnowledgeIndex idx = KnowledgeIndex.onDisk(dir, EMBEDDER, KnowledgeIndex.Options.defaults())) {
      assertFalse(idx.needsRebuild());
      assertTrue(idx.get("t").isPresent());
    }
    try (KnowledgeIndex idx = KnowledgeIndex.onDisk(dir, new HashingEmbedder(32), KnowledgeIndex.Options.defaults())) {
      assertTrue(idx.needsRebuild());
      assertEquals(0, idx.size());
      idx.rebuild(List.of(qa("t2", "故宫", "紫禁城", "travel")));
      assertFalse(idx.needsRebuild());
    }
  }
}
