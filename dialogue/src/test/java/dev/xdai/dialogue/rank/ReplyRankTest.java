package dev.xdai.dialogue.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplyRankTest {

  /** Turns whose true reply (first) stands out by {@code topic} only; the other features are noise. */
  private static List<List<double[]>> turns(long seed, int count) {
    Random r = new Random(seed);
    List<List<double[]>> turns = new ArrayList<>();
    for (int t = 0; t < count; t++) {
      List<double[]> turn = new ArrayList<>();
      for (int c = 0; c < 10; c++) {
        double topic = r.nextGaussian() * 0.1 + (c == 0 ? 0.6 : 0.3);
        turn.add(new double[] {-3 + r.nextGaussian(), -3 + r.nextGaussian(), -4 + r.nextGaussian(), topic});
      }
      turns.add(turn);
    }
    return turns;
  }

  private static double recallAt1(ReplyRank rank, List<List<double[]>> turns) {
    return turns.stream().filter(t -> rank.best(t) == 0).count() / (double) turns.size();
  }

  @Test
  void theFitWeighsTheFeatureThatSetsTheTrueReplyApart() {
    ReplyRank fitted = ReplyRank.fit(turns(1, 300));
    List<Double> w = fitted.weights();
    assertTrue(w.get(3) > 5 * Math.abs(w.get(0)) && w.get(3) > 5 * Math.abs(w.get(2)), "weights " + w);
    // judged on turns it was not fitted on
    List<List<double[]>> fresh = turns(2, 300);
    assertTrue(recallAt1(fitted, fresh) > 0.8, "recall@1 " + recallAt1(fitted, fresh));
    assertTrue(recallAt1(new ReplyRank(new double[] {1, 0, 0, 0}), fresh) < 0.3);
  }

  @Test
  void writtenWeightsReadBackTheSame() throws Exception {
    ReplyRank rank = new ReplyRank(new double[] {1.25, -1.5, 0.75, 4.0});
    StringWriter out = new StringWriter();
    rank.write(List.of("a comment"), out);
    assertTrue(out.toString().startsWith("# a comment\n"));
    assertEquals(rank.weights(), ReplyRank.read(new StringReader(out.toString())).weights());
  }

  @Test
  void aWeightsFileWithoutEveryFeatureIsRefusedNamingTheKey() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> ReplyRank.read(new StringReader("weight.forward=1\nweight.prior=-1\nweight.inverse=1\n")));
    assertTrue(e.getMessage().contains("weight.topic"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ReplyRank.read(new StringReader("weight.forward=x\nweight.prior=-1\nweight.inverse=1\nweight.topic=1\n")));
    assertThrows(IllegalArgumentException.class, () -> new ReplyRank(new double[] {1, 2}));
    assertThrows(IllegalArgumentException.class, () -> new ReplyRank(new double[] {1, 2, Double.NaN, 0}));
  }

  @Test
  void theBestOfNothingIsNone() {
    ReplyRank rank = new ReplyRank(new double[] {1, 0, 0, 0});
    assertEquals(-1, rank.best(List.of()));
    assertEquals(1, rank.best(List.of(new double[] {-2, 0, 0, 0}, new double[] {-1, 0, 0, 0})));
    assertThrows(IllegalArgumentException.class, () -> rank.score(new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> ReplyRank.fit(List.of(List.of(new double[] {1, 0, 0, 0}))));
  }

  @Test
  void theShippedWeightsLoad() {
    assertEquals(ReplyFeatures.NAMES.size(), ReplyRank.shipped().weights().size());
  }
}
