package dev.xdai.retrieval.hybrid;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class RankFusionTest {

  static List<String> keys(List<RankFusion.Fused<String>> fused) {
    return fused.stream().map(RankFusion.Fused::key).toList();
  }

  @Test
  void agreementBetweenListsBeatsOneTopRank() {
    var fused = RankFusion.fuse(List.of(
        new RankFusion.Ranking<>(1, List.of("a", "b", "c")),
        new RankFusion.Ranking<>(1, List.of("b", "c", "d")),
        new RankFusion.Ranking<>(1, List.of("x", "b"))), 60);
    assertEquals("b", keys(fused).get(0));
    assertEquals(List.of("b", "c", "a", "x", "d"), keys(fused));
    assertEquals(1 / 62.0 + 1 / 61.0 + 1 / 62.0, fused.get(0).score(), 1e-12);
    assertEquals(1, fused.get(0).bestRank());
  }

  @Test
  void weightsAndTiesAreDeterministic() {
    var weighted = RankFusion.fuse(List.of(new RankFusion.Ranking<>(1, List.of("a")), new RankFusion.Ranking<>(2, List.of("b"))), 60);
    assertEquals(List.of("b", "a"), keys(weighted));
    var tied = RankFusion.fuse(List.of(new RankFusion.Ranking<>(1, List.of("p", "q")), new RankFusion.Ranking<>(1, List.of("q", "p"))), 60);
    assertEquals(List.of("p", "q"), keys(tied)); // equal score and best rank: first seen wins
    assertEquals(List.of(), RankFusion.fuse(List.<RankFusion.Ranking<String>>of(), 60));
  }

  @Test
  void theBestPossibleScoreIsFirstEverywhere() {
    var rankings = List.of(new RankFusion.Ranking<>(1, List.of("a")), new RankFusion.Ranking<>(0.5, List.of("a")));
    assertEquals(RankFusion.best(rankings, 60), RankFusion.fuse(rankings, 60).get(0).score(), 1e-12);
  }
}
