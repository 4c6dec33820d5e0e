package dev.xdai.dialogue;

import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.prompting.ContextEntry;
import dev.xdai.prompting.Exchange;
import dev.xdai.prompting.HistoryOrder;
import dev.xdai.prompting.TokenCounter;
import dev.xdai.retrieval.Embedder;
import dev.xdai.retrieval.embed.CachingEmbedder;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistorySelectorTest {

  Doubles.CharEmbedder embedder = new Doubles.CharEmbedder();

  @Test
  void scoreIsRecencyDecayTimesCosine() {
    var s = new HistorySelector(new HistorySelector.Settings(0.5, 12, 1000, 0, HistoryOrder.DIALOGUE), TokenCounter.CODE_POINTS);
    List<Exchange> h = List.of(new Exchange(0, "猫", "喵"), new Exchange(1, "狗", "汪"));
    List<ContextEntry> out = s.select(h, "猫喵", embedder);
    double cos0 = Embedder.cosine(embedder.embed("猫 喵"), embedder.embed("猫喵"));
    assertEquals(0.25 * cos0, out.get(0).relevance(), 1e-6);
    assertEquals(0.0, out.get(1).relevance(), 1e-6);
  }

  @Test
  void keepsTheMostRelevantWithinMaxAndBudget() {
    var s = new HistorySelector(new HistorySelector.Settings(1.0, 2, 1000, 0, HistoryOrder.DIALOGUE), TokenCounter.CODE_POINTS);
    List<Exchange> h = List.of(new Exchange(0, "篮球比赛", "好看"), new Exchange(1, "天气", "晴"), new Exchange(2, "篮球明星", "很多"), new Exchange(3, "吃饭", "好"));
    List<ContextEntry> out = s.select(h, "篮球", embedder);
    assertEquals(List.of(0, 2), out.stream().map(e -> e.exchange().index()).toList());
  }

  @Test
  void budgetExcludesExchangesThatDoNotFit() {
    var s = new HistorySelector(new HistorySelector.Settings(1.0, 12, 12, 0, HistoryOrder.DIALOGUE), TokenCounter.CODE_POINTS);
    List<Exchange> h = List.of(new Exchange(0, "篮球篮球篮球篮球篮球", "好看"), new Exchange(1, "篮球", "好"));
    List<ContextEntry> out = s.select(h, "篮球", embedder);
    assertEquals(List.of(1), out.stream().map(e -> e.exchange().index()).toList());
  }

  @Test
  void keepLastAlwaysKeepsTheMostRecentExchange() {
    var s = new HistorySelector(new HistorySelector.Settings(1.0, 1, 1000, 1, HistoryOrder.DIALOGUE), TokenCounter.CODE_POINTS);
    List<Exchange> h = List.of(new Exchange(0, "篮球", "好看"), new Exchange(1, "天气", "晴"));
    assertEquals(1, s.select(h, "篮球", embedder).get(0).exchange().index());
  }

  @Test
  void noTextIsEmbeddedTwiceInASession() {
    var s = new HistorySelector(HistorySelector.Settings.defaults(), TokenCounter.CODE_POINTS);
    CachingEmbedder cache = new CachingEmbedder(embedder, 100);
    List<Exchange> h = List.of(new Exchange(0, "a", "b"), new Exchange(1, "c", "d"));
    s.select(h, "q1", cache);
    assertEquals(3, embedder.embedded.get());
    s.select(List.of(h.get(0), h.get(1), new Exchange(2, "q1", "r")), "q2", cache);
    assertEquals(5, embedder.embedded.get()); // only "q1 r" and "q2" are new
  }

  @Test
  void emptyHistorySelectsNothing() {
    var s = new HistorySelector(HistorySelector.Settings.defaults(), TokenCounter.CODE_POINTS);
    assertTrue(s.select(List.of(), "x", embedder).isEmpty());
    assertEquals(0, embedder.embedded.get());
  }
}
