package dev.xdai.retrieval.hybrid;

import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.retrieval.KnowledgeFeed;
import dev.xdai.retrieval.KnowledgeQuery;
import dev.xdai.retrieval.Retrieval;
import dev.xdai.retrieval.embed.BgeSmallZhEmbedder;
import dev.xdai.retrieval.index.IndexedKnowledge;
import dev.xdai.retrieval.link.DictionaryEntity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole module on a small hand-made knowledge set, with the real embedder. */
class HybridKnowledgeSourceTest {

  static Retrieval retrieval;

  static IndexedKnowledge qa(String id, String pack, String q, String a, String... entities) {
    return IndexedKnowledge.qa(id, q, a, "handmade", pack, List.of(entities));
  }

  static IndexedKnowledge desc(String id, String pack, String label, String text, String entity) {
    return IndexedKnowledge.description(id, label, text, "handmade", pack, List.of(entity));
  }

  static final List<IndexedKnowledge> ITEMS = List.of(
      qa("ski-what", "sport", "什么是滑雪？", "滑雪是借助滑雪板在雪地上滑行的运动。", "ski"),
      qa("ski-where", "sport", "国内哪里适合滑雪？", "崇礼、亚布力和长白山都有不错的雪场。", "ski"),
      qa("ski-learn", "sport", "初学者学滑雪难吗？", "请教练上两三节课，一般就能自己滑初级道。", "ski"),
      qa("wall-length", "travel", "长城有多长？", "明长城全长约八千八百公里。", "wall"),
      qa("wall-best", "travel", "长城哪一段最值得去？", "八达岭交通方便，慕田峪人少景美。", "wall"),
      qa("palace-ticket", "travel", "故宫的门票多少钱？", "旺季六十元，淡季四十元，需要提前网上预约。", "palace"),
      qa("palace-open", "travel", "故宫几点开门？", "早上八点半开门，周一闭馆。", "palace"),
      qa("wall-film-director", "film", "电影《长城》的导演是谁？", "《长城》由张艺谋执导。", "wall-film"),
      qa("wall-film-year", "film", "电影《长城》是哪一年上映的？", "2016年12月上映。", "wall-film"),
      qa("jay-debut", "music", "周杰伦是哪一年出道的？", "周杰伦2000年发行首张专辑《Jay》出道。", "jay"),
      qa("sunny-album", "music", "《晴天》收录在哪张专辑里？", "收录于2003年的专辑《叶惠美》。", "sunny", "jay"),
      qa("weather", "chat", "今天天气怎么样？", "我看不到窗外，不过希望是个好天气。"),
      qa("computer", "chat", "买电脑要注意什么？", "先看用途，再看处理器、内存和屏幕。"),
      // A near-copy of ski-what from another import: must not be returned twice.
      qa("ski-what-copy", "sport", "什么是滑雪?", "滑雪是借助滑雪板在雪地上滑行的运动", "ski"),
      desc("d-ski", "sport", "滑雪", "滑雪是运动员把滑雪板装在靴底上在雪地上进行速度、跳跃和滑降的竞赛运动。", "ski"),
      desc("d-wall", "travel", "长城", "长城是中国古代的军事防御工程，东起山海关，西至嘉峪关。", "wall"),
      desc("d-wall-film", "film", "长城（2016年张艺谋执导电影）", "《长城》是张艺谋执导，马特·达蒙、景甜主演的奇幻动作片。", "wall-film"),
      desc("d-jay", "music", "周杰伦", "周杰伦，华语流行乐男歌手、音乐人，代表作《晴天》《七里香》。", "jay"),
      desc("d-palace", "travel", "故宫", "北京故宫是明清两代的皇家宫殿，旧称紫禁城。", "palace"));

  static final List<DictionaryEntity> ENTITIES = List.of(
      new DictionaryEntity("ski", "sport", "滑雪", List.of(), "冬季运动，雪板"),
      new DictionaryEntity("wall", "travel", "长城", List.of("万里长城"), "中国古代军事防御工程，八达岭 慕田峪 旅游景点"),
      new DictionaryEntity("wall-film", "film", "长城", List.of(), "张艺谋导演的电影，2016年上映"),
      new DictionaryEntity("palace", "travel", "故宫", List.of("紫禁城", "故宫博物院"), "明清皇家宫殿"),
      new DictionaryEntity("jay", "music", "周杰伦", List.of("周董", "Jay Chou"), "华语流行歌手"),
      new DictionaryEntity("sunny", "music", "晴天", List.of(), "周杰伦的歌曲"));

  @BeforeAll
  static void build() {
    retrieval = Retrieval.open(Retrieval.Settings.defaults(null), BgeSmallZhEmbedder.create());
    KnowledgeFeed feed = retrieval.feed();
    assertTrue(feed.needsRebuild());
    feed.rebuild(ITEMS, ENTITIES);
    assertFalse(feed.needsRebuild());
  }

  @AfterAll
  static void close() {
    retrieval.close();
  }

  /** ski-what-copy is ski-what in all but punctuation: either may stand for both. */
  static String canonical(String id) {
    return id.equals("ski-what-copy") ? "ski-what" : id;
  }

  static List<KnowledgeItem> qa(String text, int limit) {
    return retrieval.source().retrieve(KnowledgeQuery.qa(text, List.of(), Set.of(), limit));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      滑雪是什么 | ski-what
      滑雪是一种什么样的运动啊 | ski-what
      我是新手，滑雪好学吗 | ski-learn
      想去滑雪，推荐个地方吧 | ski-where
      万里长城到底有多长 | wall-length
      去长城玩，哪段比较好 | wall-best
      紫禁城门票贵不贵 | palace-ticket
      故宫早上几点能进去 | palace-open
      长城这部电影是谁拍的 | wall-film-director
      周董什么时候出道的 | jay-debut
      晴天这首歌在哪张专辑 | sunny-album
      今天天气如何 | weather
      我想买一台电脑，有什么建议 | computer
      """)
  void theRightQuestionComesFirst(String utterance, String expectedId) {
    List<KnowledgeItem> items = qa(utterance, 3);
    assertFalse(items.isEmpty(), utterance);
    assertEquals(expectedId, canonical(items.get(0).id()), utterance + " -> " + items.stream().map(KnowledgeItem::id).toList());
  }

  @Test
  void itemsKeepTheirProvenanceAndScoresFallFromOne() {
    List<KnowledgeItem> items = qa("长城有多长", 5);
    assertEquals("wall-length", items.get(0).id());
    assertEquals("handmade", items.get(0).source());
    assertEquals("travel", items.get(0).pack());
    assertEquals("长城有多长？", items.get(0).title());
    assertEquals("明长城全长约八千八百公里。", items.get(0).text());
    for (int i = 0; i < items.size(); i++) {
      assertTrue(items.get(i).score() > 0 && items.get(i).score() <= 1.0 + 1e-9, items.get(i).toString());
      if (i > 0) assertTrue(items.get(i).score() <= items.get(i - 1).score());
    }
  }

  @Test
  void explainSaysWhichListsFoundEachItemAndRetrievesTheSame() {
    KnowledgeQuery query = KnowledgeQuery.qa("周董什么时候出道的", List.of(), Set.of(), 5);
    List<HybridKnowledgeSource.Found> found = retrieval.source().explain(query);
    assertEquals(retrieval.source().retrieve(query), found.stream().map(HybridKnowledgeSource.Found::item).toList());
    HybridKnowledgeSource.Found first = found.get(0);
    assertEquals("jay-debut", first.item().id());
    // 周董 is an alias of the entity: the entity list finds its items, and the words find the question
    assertTrue(first.ranks().containsKey(HybridKnowledgeSource.ENTITY_LIST), first.ranks().toString());
    assertTrue(first.ranks().containsKey(HybridKnowledgeSource.TEXT_LIST), first.ranks().toString());
    for (HybridKnowledgeSource.Found f : found) {
      assertFalse(f.ranks().isEmpty(), f + " was found by no list");
      assertTrue(f.ranks().values().stream().allMatch(r -> r >= 1), f.ranks().toString());
    }
  }

  @Test
  void nearIdenticalItemsAreReturnedOnce() {
    List<String> ids = qa("什么是滑雪", 10).stream().map(KnowledgeItem::id).toList();
    assertTrue(ids.contains("ski-what") ^ ids.contains("ski-what-copy"), ids.toString());
    assertEquals(ids.size(), Set.copyOf(ids).size());
  }

  @Test
  void packsAndFormatsFilterEveryList() {
    List<KnowledgeItem> film = retrieval.source().retrieve(KnowledgeQuery.qa("长城", List.of(), Set.of("film"), 10));
    assertFalse(film.isEmpty());
    assertTrue(film.stream().allMatch(k -> k.pack().equals("film") && k.format() == KnowledgeItem.Format.QA), film.toString());
    List<KnowledgeItem> none = retrieval.source().retrieve(KnowledgeQuery.qa("长城", List.of(), Set.of("no-such-pack"), 10));
    assertEquals(List.of(), none);
    List<KnowledgeItem> descriptions = retrieval.source().retrieve(KnowledgeQuery.descriptions("周杰伦是谁", List.of(), Set.of(), 2));
    assertEquals("d-jay", descriptions.get(0).id());
    assertTrue(descriptions.stream().allMatch(k -> k.format() == KnowledgeItem.Format.DESCRIPTION));
    List<KnowledgeItem> both = retrieval.source().retrieve(new KnowledgeQuery("滑雪", List.of(), Set.of("sport"), 20, Set.of()));
    assertTrue(both.stream().anyMatch(k -> k.format() == KnowledgeItem.Format.DESCRIPTION));
    assertTrue(both.stream().anyMatch(k -> k.format() == KnowledgeItem.Format.QA));
  }

  @Test
  void theLimitIsRespected() {
    assertEquals(1, qa("长城", 1).size());
    assertEquals(List.of(), qa("长城", 0));
    assertTrue(qa("长城", 50).size() <= ITEMS.size());
  }

  @Test
  void contextDisambiguatesAndResolvesAnUnnamedEntity() {
    // 长城 alone is ambiguous; the context says it is the film.
    List<KnowledgeItem> film = retrieval.source().retrieve(KnowledgeQuery.descriptions("长城怎么样", List.of("我昨天看了张艺谋的新电影"), Set.of(), 1));
    assertEquals("d-wall-film", film.get(0).id());
    List<KnowledgeItem> wall = retrieval.source().retrieve(KnowledgeQuery.descriptions("长城怎么样", List.of("下周想去八达岭旅游"), Set.of(), 1));
    assertEquals("d-wall", wall.get(0).id());
    // The utterance names nothing; the last context utterance that names an entity supplies it.
    List<KnowledgeItem> it = retrieval.source().retrieve(KnowledgeQuery.qa("它的门票多少钱", List.of("周杰伦的歌真好听", "我下周去故宫"), Set.of(), 1));
    assertEquals("palace-ticket", it.get(0).id());
  }

  @Test
  void theDialoguesFocusEntityGroundsAnUtteranceThatDoesNotNameIt() {
    // The entity was named two utterances back, by either speaker; the latest context names nothing.
    List<String> context = List.of("我下周想去故宫看看", "好啊，记得提前在网上预约");
    assertEquals("palace-open", retrieval.source().retrieve(KnowledgeQuery.qa("那边几点开门", context, Set.of(), 1)).get(0).id());
    // An entity the utterance names itself outranks the focus of the dialogue.
    assertEquals("jay-debut", retrieval.source().retrieve(KnowledgeQuery.qa("周董什么时候出道的", context, Set.of(), 1)).get(0).id());
  }

  @Test
  void anUtteranceToTheBotsSideIsNotAboutTheDialoguesFocus() {
    HybridKnowledgeSource source = (HybridKnowledgeSource) retrieval.source();
    List<String> context = List.of("我下周想去故宫看看", "好啊，记得提前在网上预约");
    assertTrue(source.explain(KnowledgeQuery.qa("那边几点开门", context, Set.of(), 3)).stream()
        .anyMatch(f -> f.ranks().containsKey(HybridKnowledgeSource.FOCUS_LIST)), "the focus grounds an elliptic question");
    for (String toTheBot : List.of("你们几点开门", "您们明天开门吗")) {
      assertTrue(source.explain(KnowledgeQuery.qa(toTheBot, context, Set.of(), 3)).stream()
          .noneMatch(f -> f.ranks().containsKey(HybridKnowledgeSource.FOCUS_LIST)), toTheBot);
    }
  }

  /**
   * Sights that all answer the same two questions. The first three word them plainly; the others word them like the
   * utterances below, so that on the words and the vector alone every other sight beats the one the dialogue is about.
   */
  static final List<String> SIGHTS = List.of("天坛", "颐和园", "北海公园", "故宫", "圆明园", "景山公园", "香山公园",
      "八达岭长城", "雍和宫", "恭王府", "什刹海", "南锣鼓巷", "天安门广场", "中山公园", "地坛公园");

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "我下周想去天坛玩|天坛挺好的，祈年殿很漂亮|那里的门票贵不贵呀，你知道吗？|ticket-0",
      "颐和园你去过吗|去过，昆明湖很大|要是早上去的话，一般几点开门呀？|open-1",
      "北海公园有白塔|还能划船呢|你知道现在门票贵不贵吗？|ticket-2"})
  void anUtteranceThatNamesNothingIsAboutTheDialoguesFocusNotAboutTheSameQuestionElsewhere(
      String first, String second, String utterance, String expected) {
    List<IndexedKnowledge> items = new ArrayList<>();
    List<DictionaryEntity> entities = new ArrayList<>();
    for (int i = 0; i < SIGHTS.size(); i++) {
      String name = SIGHTS.get(i);
      boolean plain = i < 3;
      items.add(qa("ticket-" + i, "travel", name + (plain ? "的门票多少钱？" : "的门票贵不贵呀？"), (20 + 10 * i) + "元", "s" + i));
      items.add(qa("open-" + i, "travel", name + (plain ? "的开放时间？" : "早上一般几点开门呀？"), "早上" + (6 + i % 4) + "点开门", "s" + i));
      entities.add(new DictionaryEntity("s" + i, "travel", name, List.of(), "北京的景点"));
    }
    try (Retrieval sights = Retrieval.open(Retrieval.Settings.defaults(null), BgeSmallZhEmbedder.create())) {
      sights.feed().rebuild(items, entities);
      List<KnowledgeItem> found = sights.source().retrieve(KnowledgeQuery.qa(utterance, List.of(first, second), Set.of(), 3));
      assertEquals(expected, found.get(0).id(), () -> found.toString());
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "挂号费多少钱？|fee",            // the focus (口腔科) has no 挂号费: the clinic's is meant
      "门诊时间是什么时候？|dental-hours"}) // the focus has that attribute: it stays the focus
  void anAttributeTheFocusLacksIsAskedOfWhoeverHasIt(String utterance, String expected) {
    List<IndexedKnowledge> items = List.of(
        fact("fee", "康宁诊所", "挂号费", "普通号10元，主治医师号20元", "clinic"),
        fact("clinic-hours", "康宁诊所", "营业时间", "周一至周五8:00-20:00", "clinic"),
        fact("dental-hours", "口腔科", "门诊时间", "周一至周五9:00-17:00，需要提前一天预约", "dental"),
        fact("dental-floor", "口腔科", "位置", "二楼东侧205诊室", "dental"),
        fact("dental-price", "口腔科", "收费", "补牙按材料收费，每颗120元起", "dental"),
        fact("dental-doctor", "口腔科", "医生", "陈思远", "dental"));
    List<DictionaryEntity> entities = List.of(new DictionaryEntity("clinic", "clinic", "康宁诊所", List.of(), "一家社区诊所"),
        new DictionaryEntity("dental", "clinic", "口腔科", List.of(), "诊所的口腔科"));
    try (Retrieval clinic = Retrieval.open(Retrieval.Settings.defaults(null), BgeSmallZhEmbedder.create())) {
      clinic.feed().rebuild(items, entities);
      List<String> context = List.of("口腔科在几楼？", "口腔科的位置是二楼东侧205诊室。");
      List<KnowledgeItem> found = clinic.source().retrieve(KnowledgeQuery.qa(utterance, context, Set.of(), 3));
      assertEquals(expected, found.get(0).id(), () -> ((HybridKnowledgeSource) clinic.source()).explain(KnowledgeQuery.qa(utterance, context, Set.of(), 6)).toString());
    }
  }

  static IndexedKnowledge fact(String id, String entity, String attribute, String value, String entityId) {
    return new IndexedKnowledge(id, KnowledgeItem.Format.QA, entity + "的" + attribute + "？", value, "triples.csv", "clinic",
        List.of(entityId), new KnowledgeItem.Fact(entity, attribute));
  }

  @Test
  void theTopicNamedAgainAndAgainOutweighsANameMentionedOnceLatest() {
    HybridKnowledgeSource source = (HybridKnowledgeSource) retrieval.source();
    List<String> context = List.of("我想去故宫", "故宫很大吧", "故宫要走一天", "周杰伦的歌挺好听");
    List<String> focus = List.copyOf(source.focusEntities(KnowledgeQuery.qa("门票呢", context, Set.of(), 1), new HashMap<>()).keySet());
    assertEquals(List.of("palace", "jay"), focus);
    // Named once each, the more recent mention weighs more.
    List<String> once = List.copyOf(source.focusEntities(KnowledgeQuery.qa("门票呢", List.of("我想去故宫", "周杰伦的歌挺好听"), Set.of(), 1), new HashMap<>()).keySet());
    assertEquals(List.of("jay", "palace"), once);
  }

  @Test
  void updatesThroughTheFeedAreSeenByTheNextQuery() {
    assertNotEquals("new-museum", qa("国家博物馆要预约吗", 1).stream().map(KnowledgeItem::id).findFirst().orElse(""));
    long before = retrieval.source().version().orElseThrow();
    retrieval.feed().upsert(List.of(qa("new-museum", "travel-extra", "国家博物馆需要预约吗？", "需要实名预约，免费参观。", "museum")),
        List.of(new DictionaryEntity("museum", "travel-extra", "国家博物馆", List.of("国博"), "北京天安门广场东侧的博物馆")));
    assertEquals("new-museum", qa("国博要预约吗", 1).get(0).id());
    long afterUpsert = retrieval.source().version().orElseThrow();
    assertTrue(afterUpsert > before, "a change must change the version callers remember answers by");
    retrieval.feed().deletePack("travel-extra");
    assertTrue(retrieval.source().version().orElseThrow() > afterUpsert);
    assertTrue(qa("国博要预约吗", 5).stream().noneMatch(k -> k.id().equals("new-museum")));
    assertTrue(retrieval.linker().link("国博").isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "   ", "？？？", "title:滑雪 OR text:*", "滑雪\" OR \"1\"=\"1", "MATCH (n) DETACH DELETE n RETURN n",
      "CALL db.index.fulltext.queryNodes('knowledge', '*') YIELD node", "*:*", "滑雪^1000 AND (长城 OR 故宫)", "/.*/",
      "\\\\\\", "{\"$where\": \"1\"}", "<script>alert(1)</script>", "\u0000", "🎿🎿🎿",
  })
  void hostileTextNeverBreaksSearchOrTheIndex(String text) {
    List<KnowledgeItem> items = qa(text, 5);
    assertTrue(items.size() <= 5);
    assertEquals(ITEMS.size(), retrieval.index().size());
  }

  @Test
  void unrelatedTextFindsNothingThroughVectorsAlone() {
    // No shared words, no entity: the vector list's cosine floor keeps unrelated items out.
    assertEquals(List.of(), qa("量子力学的波函数坍缩", 3));
  }
}
