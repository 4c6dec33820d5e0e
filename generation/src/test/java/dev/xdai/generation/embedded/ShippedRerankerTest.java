package dev.xdai.generation.embedded;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.generation.inverse.InversePromptingConfig;
import dev.xdai.generation.inverse.InversePromptingReranker;
import dev.xdai.generation.inverse.ReplyScores;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped model as the chit-chat reranker: a true reply among the other cases' replies and off-topic ones. Ranked by
 * the forward likelihood alone, the model puts one generic reply first everywhere; the prior-corrected score must not.
 */
class ShippedRerankerTest {

  /** Utterance, its true reply; each case's distractors are the other cases' replies and a few off-topic ones. */
  static final String[][] CASES = {
      {"你好，很高兴认识你。", "你好呀，我也很高兴认识你。"},
      {"你平时喜欢看电影吗？", "喜欢呀，我周末经常去看电影。"},
      {"我今天好累啊。", "辛苦了，早点休息吧。"},
      {"谢谢你的帮助！", "不客气，能帮到你我很开心。"},
      {"明天见！", "好的，明天见！"},
  };
  static final List<String> OFF_TOPIC = List.of("地址在北京市东城区禄米仓胡同5号。", "门票价格是每人四十元。",
      "这张专辑的发行时间是二〇〇九年。", "主演有尼尔·帕特里克·哈里斯。", "大学英语在致知楼上课。");

  @Test
  void theTrueReplyRanksFirstFarMoreOftenThanChance() {
    InversePromptingReranker reranker = new InversePromptingReranker(ModelFixture.model(), InversePromptingConfig.defaults());
    int first = 0;
    List<String> report = new ArrayList<>();
    for (String[] c : CASES) {
      List<String> candidates = new ArrayList<>();
      candidates.add(c[1]);
      for (String[] other : CASES) if (other != c) candidates.add(other[1]);
      candidates.addAll(OFF_TOPIC);
      List<ReplyScores> scores = reranker.scores("A:" + c[0] + "|B:[gMASK]", c[0], candidates);
      ReplyScores best = scores.stream().max(Comparator.comparingDouble(r -> r.chitChat(InversePromptingConfig.defaults()))).orElseThrow();
      if (best.text().equals(c[1])) first++;
      report.add(c[0] + " -> " + best.text());
    }
    // Chance is one in ten per case (half a case in five); the shipped model must place it first at least twice.
    assertTrue(first >= 2, first + " of " + CASES.length + ": " + report);
  }
}
