package dev.xdai.evaluation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.evaluation.kdconv.Triple;
import dev.xdai.prompting.KnowledgeItem;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnowledgeRecallTest {

  private static final Triple GOLD = new Triple("恋恋笔记本（美国2004年爱情片）", "导演", "尼克·卡索维茨");
  private static final InjectedKnowledge OTHER =
      InjectedKnowledge.of(KnowledgeItem.qa("k1", "泰坦尼克号的导演是什么？", "詹姆斯·卡梅隆", "", "p", 0.9));

  @Test
  void recallAtKLooksAtTheFirstKItemsOnly() {
    InjectedKnowledge gold = new InjectedKnowledge(KnowledgeItem.qa("k2", "?", "?", "", "p", 0.5), GOLD);
    List<InjectedKnowledge> injected = List.of(OTHER, OTHER, gold);
    assertFalse(KnowledgeRecall.hit(injected, List.of(GOLD), 1));
    assertFalse(KnowledgeRecall.hit(injected, List.of(GOLD), 2));
    assertTrue(KnowledgeRecall.hit(injected, List.of(GOLD), 3));
    assertTrue(KnowledgeRecall.hit(injected, List.of(GOLD), 5));
    assertEquals(3, KnowledgeRecall.goldRank(injected, List.of(GOLD)));
    assertEquals(0, KnowledgeRecall.goldRank(List.of(OTHER, OTHER), List.of(GOLD)));
  }

  @Test
  void originTriplesMatchOnEntityShortNameAttributeAndValue() {
    assertTrue(GoldMatch.matches(new InjectedKnowledge(OTHER.item(), new Triple("恋恋笔记本", "导演", "尼克·卡索维茨 ")), GOLD));
    assertFalse(GoldMatch.matches(new InjectedKnowledge(OTHER.item(), new Triple("恋恋笔记本", "主演", "尼克·卡索维茨")), GOLD));
  }

  @Test
  void itemsWithoutOriginMatchByText() {
    InjectedKnowledge byText = InjectedKnowledge.of(KnowledgeItem.qa("k3", "恋恋笔记本的导演是谁？", "尼克·卡索维茨", "", "p", 1));
    assertTrue(KnowledgeRecall.hit(List.of(byText), List.of(GOLD), 1));
    InjectedKnowledge wrongEntity = InjectedKnowledge.of(KnowledgeItem.qa("k4", "别的电影的导演是什么？", "尼克·卡索维茨", "", "p", 1));
    assertFalse(KnowledgeRecall.hit(List.of(wrongEntity), List.of(GOLD), 1));
  }

  @Test
  void longValuesMatchOnTheirFirst120Characters() {
    String value = "长".repeat(300);
    Triple info = new Triple("某地", Triple.INFORMATION, value);
    InjectedKnowledge cut = InjectedKnowledge.of(KnowledgeItem.description("d", "某地", "长".repeat(120), "", "p", 1));
    assertTrue(KnowledgeRecall.hit(List.of(cut), List.of(info), 1));
  }

  @Test
  void aLongValueCutWithItsSpacesBeforeInjectionStillMatches() {
    // The pipeline cuts answers at 120 characters spaces included; the comparison drops spaces, so the cut answer is a
    // shorter prefix of the value than 120 characters.
    String value = "金智娟（Wawa King），艺名娃娃，1964年10月4日出生于台湾高雄市冈山区，1981年和朋友组成 丘丘合唱团，担任主唱。加盟新格唱片，"
        + "1982年首张专辑《 就在今夜》出版，同名歌曲及《 为何梦见他》红遍大街小巷。娃娃从此被列为台湾 摇滚女歌手第一人。";
    Triple info = new Triple("娃娃", Triple.INFORMATION, value);
    KnowledgeItem injected = KnowledgeItem.qa("d", "娃娃是什么？", value, "", "p", 1).cut(120);
    assertTrue(KnowledgeRecall.hit(List.of(InjectedKnowledge.of(injected)), List.of(info), 1));
    // A short fragment of the value is not the value.
    KnowledgeItem fragment = KnowledgeItem.qa("f", "娃娃是什么？", value.substring(0, 12), "", "p", 1);
    assertFalse(KnowledgeRecall.hit(List.of(InjectedKnowledge.of(fragment)), List.of(info), 1));
    assertFalse(KnowledgeRecall.hit(List.of(InjectedKnowledge.of(KnowledgeItem.qa("g", "恋恋笔记本的导演是谁？", "尼克", "", "p", 1))),
        List.of(GOLD), 1));
  }

  @Test
  void nothingInjectedNeverHits() {
    assertFalse(KnowledgeRecall.hit(List.of(), List.of(GOLD), 5));
  }
}
