package dev.xdai.retrieval.link;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntityLinkerTest {

  EntityDictionary dictionary;
  EntityLinker linker;

  static DictionaryEntity entity(String id, String pack, String label, String description, String... aliases) {
    return new DictionaryEntity(id, pack, label, List.of(aliases), description);
  }

  @BeforeEach
  void setUp() {
    dictionary = new EntityDictionary();
    dictionary.replaceAll(List.of(
        entity("beijing", "travel", "北京", "中国的首都，位于华北平原"),
        entity("pku", "edu", "北京大学", "中国著名高等学府，位于北京海淀区", "北大"),
        entity("bj-west", "travel", "北京西站", "北京的铁路客运站"),
        entity("west-station", "travel", "西站", "火车站"),
        entity("great-wall", "travel", "长城", "中国古代的军事防御工程，八达岭是著名景点", "万里长城"),
        entity("great-wall-film", "film", "长城", "张艺谋导演的电影，马特·达蒙主演，2016年上映"),
        entity("jay", "music", "周杰伦", "台湾流行歌手，代表作有《晴天》《七里香》", "周董", "Jay Chou"),
        entity("sunny", "music", "晴天", "周杰伦演唱的歌曲，收录于专辑《叶惠美》"),
        entity("iphone", "tech", "iPhone", "苹果公司的智能手机"),
        entity("ai", "tech", "AI", "人工智能", "人工智能"),
        entity("cat", "pets", "猫", "一种宠物"),
        entity("apple-fruit", "food", "苹果", "一种水果，味道酸甜，富含维生素"),
        entity("apple-inc", "tech", "苹果", "美国科技公司，生产iPhone手机和Mac电脑", "Apple"),
        entity("question-song", "music", "？", "一首歌曲的名字"),
        entity("dots-album", "music", "……", "一张专辑的名字")));
    linker = new EntityLinker(dictionary);
  }

  List<String> ids(String text) {
    return linker.link(text).stream().map(LinkedEntity::entityId).toList();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      我想去北京大学看看 | pku
      北京的天气怎么样 | beijing
      北大在哪里 | pku
      你去过万里长城吗 | great-wall
      周董的新歌好听吗 | jay
      我喜欢听Jay Chou的歌 | jay
      我喜欢听jay chou的歌 | jay
      周杰伦的晴天真好听 | jay sunny
      从北京西站出发 | bj-west
      从北京到北京大学要多久 | beijing pku
      北京，北京大学，北京西站。 | beijing pku bj-west
      我在北京西站等你 | bj-west
      猫 | cat
      猫？ | cat
      我家的猫很可爱 | ''
      今天天气不错 | ''
      '' | ''
      ＡＩ会取代人类吗 | ai
      你觉得ai怎么样 | ai
      MAIL发不出去 | ''
      我的iPhone15坏了 | iphone
      iPhones are great | ''
      说说北京，好吗 | beijing
      这首歌叫什么？ | ''
      ？ | ''
      嗯……北京呢？ | beijing
      """)
  void linksTheExpectedEntities(String text, String expected) {
    List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(" "));
    assertEquals(want, ids(text), text);
  }

  @Test
  void spansPointIntoTheOriginalText() {
    String text = "我想去ＡＩ展和北京大学";
    List<LinkedEntity> links = linker.link(text);
    assertEquals(2, links.size());
    for (LinkedEntity e : links) assertEquals(e.surface(), text.substring(e.start(), e.end()));
    assertEquals("ＡＩ", links.get(0).surface());
    assertEquals(3, links.get(0).start());
    assertEquals("北京大学", links.get(1).surface());
  }

  @Test
  void overlappingNamesAreResolvedLongestFirst() {
    dictionary.upsert(List.of(entity("xi-an", "travel", "西安", "陕西省省会"), entity("bj-xian", "travel", "京西安", "虚构的地名")));
    // 北京西站 (4) beats 京西安 (3) and 西安 (2); what remains of the text is then matched as usual.
    assertEquals(List.of("bj-west"), ids("北京西站"));
    assertEquals(List.of("bj-xian"), ids("京西安"));
    assertEquals(List.of("beijing", "xi-an"), ids("北京西安"));
  }

  @Test
  void anAmbiguousNameIsResolvedByContext() {
    assertEquals("great-wall", linker.link("长城", List.of("我们周末去爬八达岭吧"), Set.of()).get(0).entityId());
    assertEquals("great-wall-film", linker.link("长城", List.of("张艺谋的电影你看过哪些"), Set.of()).get(0).entityId());
    assertEquals("great-wall-film", linker.link("长城这部电影好看吗", List.of(), Set.of()).get(0).entityId());
    assertEquals("apple-inc", linker.link("苹果出新手机了吗", List.of(), Set.of()).get(0).entityId());
    assertEquals("apple-fruit", linker.link("苹果是酸的还是甜的", List.of(), Set.of()).get(0).entityId());
    // Another entity of the same pack in the utterance tips the balance (coherence).
    assertEquals("apple-inc", linker.link("苹果和iPhone", List.of(), Set.of()).get(0).entityId());
  }

  @Test
  void confidenceIsLowerForAmbiguousAndShortNames() {
    LinkedEntity unambiguousLong = linker.link("北京大学").get(0);
    LinkedEntity unambiguousShort = linker.link("北大").get(0);
    LinkedEntity ambiguousWithoutContext = linker.link("长城怎么样").get(0);
    LinkedEntity ambiguousWithContext = linker.link("长城", List.of("张艺谋导演的电影"), Set.of()).get(0);
    assertEquals(1.0, unambiguousLong.confidence(), 1e-9);
    assertTrue(unambiguousShort.confidence() < unambiguousLong.confidence());
    assertEquals(2, ambiguousWithoutContext.candidates());
    assertTrue(ambiguousWithoutContext.confidence() < ambiguousWithContext.confidence());
    assertTrue(ambiguousWithContext.confidence() < unambiguousShort.confidence());
  }

  @Test
  void packsRestrictWhatIsLinked() {
    assertEquals("great-wall-film", linker.link("长城", List.of("八达岭"), Set.of("film")).get(0).entityId());
    assertEquals(List.of(), linker.link("北京大学", List.of(), Set.of("music")));
    // With the long name out of scope, the shorter one inside it is found instead.
    assertEquals(List.of("beijing"), linker.link("北京大学", List.of(), Set.of("travel")).stream().map(LinkedEntity::entityId).toList());
  }

  @Test
  void dictionaryUpdatesAreSeenByTheNextLink() {
    assertEquals(List.of(), ids("我想去故宫"));
    dictionary.upsert(List.of(entity("palace", "travel", "故宫", "明清两代的皇家宫殿", "紫禁城")));
    assertEquals(List.of("palace"), ids("我想去故宫"));
    assertEquals(List.of("palace"), ids("紫禁城有多大"));
    dictionary.replacePack("travel", List.of(entity("palace", "travel", "故宫", "明清两代的皇家宫殿")));
    assertEquals(List.of(), ids("紫禁城有多大"));
    assertEquals(List.of(), ids("北京的天气")); // replaced away with the rest of the pack
    assertEquals(List.of("pku"), ids("北大"));
    dictionary.remove("edu", List.of("pku"));
    assertEquals(List.of(), ids("北大"));
    dictionary.deletePack("music");
    assertEquals(List.of(), ids("周杰伦"));
    assertThrows(IllegalArgumentException.class, () -> dictionary.replacePack("film", List.of(entity("x", "music", "某", ""))));
  }

  @Test
  void theSameIdInTwoPacksIsTwoEntities() {
    dictionary.upsert(List.of(entity("shared", "a", "甲乙", ""), entity("shared", "b", "丙丁", "")));
    assertEquals(List.of("shared"), ids("甲乙"));
    assertEquals(List.of("shared"), ids("丙丁"));
    dictionary.deletePack("a");
    assertEquals(List.of(), ids("甲乙"));
    assertEquals(List.of("shared"), ids("丙丁"));
  }
}
