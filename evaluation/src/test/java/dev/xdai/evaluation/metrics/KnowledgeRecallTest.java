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
  void nothingInjectedNeverHits() {
    assertFalse(KnowledgeRecall.hit(List.of(), List.of(GOLD), 5));
  }
}
