package dev.xdai.generation.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Chit-chat cases for reranker tests: an utterance and its true reply; a case's distractors are the other cases'
 * replies and {@link #OFF_TOPIC}'s facts. Shared through the test jar so every reranker is judged on the same cases.
 */
public final class ChitChatCases {

  private ChitChatCases() {}

  public static final String[][] CASES = {
      {"你好，很高兴认识你。", "你好呀，我也很高兴认识你。"},
      {"你平时喜欢看电影吗？", "喜欢呀，我周末经常去看电影。"},
      {"我今天好累啊。", "辛苦了，早点休息吧。"},
      {"谢谢你的帮助！", "不客气，能帮到你我很开心。"},
      {"明天见！", "好的，明天见！"},
  };

  public static final List<String> OFF_TOPIC = List.of("地址在北京市东城区禄米仓胡同5号。", "门票价格是每人四十元。",
      "这张专辑的发行时间是二〇〇九年。", "主演有尼尔·帕特里克·哈里斯。", "大学英语在致知楼上课。");

  /** The candidates of {@code c}: its true reply first, then the other cases' replies and the off-topic facts. */
  public static List<String> candidates(String[] c) {
    List<String> candidates = new ArrayList<>();
    candidates.add(c[1]);
    for (String[] other : CASES) if (other != c) candidates.add(other[1]);
    candidates.addAll(OFF_TOPIC);
    return candidates;
  }
}
