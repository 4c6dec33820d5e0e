package dev.xdai.evaluation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.xdai.evaluation.kdconv.Triple;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FigureSetTest {

  private static final List<Triple> GOLD = List.of(new Triple("甲", "导演", "乙丙"));

  @Test
  void averagesPerSampleFiguresAndScalesToPercent() {
    FigureSet set = new FigureSet(false);
    set.add("我爱你", "我爱你", GOLD, List.of(), List.of(), -3.0, 3, "quoted"); // f1 1
    set.add("好", "我爱你", GOLD, List.of("5"), List.of(), -6.0, 3, "generated");   // f1 0
    Map<Figure, Double> f = set.figures();
    assertEquals(50.0, f.get(Figure.F1), 1e-9);
    assertEquals(50.0, f.get(Figure.BLEU1), 1e-9);
    assertEquals(0.0, f.get(Figure.HALLUCINATED_NUMBERS), 1e-9);
    assertEquals(Math.exp(9.0 / 6), f.get(Figure.CHAR_PPL), 1e-9); // not in percent
    assertEquals(100.0, f.get(Figure.DISTINCT1), 1e-9); // 我 爱 你 好: all distinct
    assertNull(f.get(Figure.KNOWLEDGE_RECALL_1)); // only measured in retrieved mode
    assertEquals(0.0, f.get(Figure.ANSWER_RATE), 1e-9); // neither reply says 乙丙
    assertEquals(50.0, f.get(Figure.QUOTED), 1e-9);
    assertEquals(50.0, f.get(Figure.GENERATED), 1e-9);
    assertEquals(0.0, f.get(Figure.UNKNOWN), 1e-9);
  }

  @Test
  void answerRateCountsAReplyThatSaysAGoldValueOrTheStartOfALongOne() {
    FigureSet set = new FigureSet(false);
    set.add("导演是乙 丙。", "y", GOLD, List.of(), List.of(), Double.NaN, 0, "quoted");
    String longValue = "一二三四五六七八九十一二三四五六七八九十还有很多很多字";
    set.add("他" + longValue.substring(0, 20) + "啊", "y", List.of(new Triple("甲", "Information", longValue)), List.of(), List.of(),
        Double.NaN, 0, "quoted");
    set.add("一二三四五六七八九十", "y", List.of(new Triple("甲", "Information", longValue)), List.of(), List.of(), Double.NaN, 0, "quoted");
    assertEquals(200.0 / 3, set.figures().get(Figure.ANSWER_RATE), 1e-9);
  }

  @Test
  void recallIsMeasuredWhenAsked() {
    FigureSet set = new FigureSet(true);
    set.add("x", "y", GOLD, List.of(), List.of(new InjectedKnowledge(
        dev.xdai.prompting.KnowledgeItem.qa("k", "甲的导演是什么？", "乙丙", "", "p", 1), null)), Double.NaN, 0, "");
    set.add("x", "y", GOLD, List.of(), List.of(), Double.NaN, 0, "");
    assertEquals(50.0, set.figures().get(Figure.KNOWLEDGE_RECALL_1), 1e-9);
    assertNull(set.figures().get(Figure.CHAR_PPL)); // nothing scored
  }
}
