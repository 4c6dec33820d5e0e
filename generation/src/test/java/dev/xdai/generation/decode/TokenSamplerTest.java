package dev.xdai.generation.decode;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokenSamplerTest {

  static final float[] LOGITS = {1f, 4f, 3f, Float.NEGATIVE_INFINITY, 2f, 0f};

  @Test
  void greedyIsTheArgmaxWithLowestIdOnTies() {
    assertEquals(1, new TokenSampler(0, 40, 1).pick(LOGITS, new SplittableRandom(1)));
    assertEquals(0, TokenSampler.argmax(new float[] {2, 2, 1}));
  }

  @Test
  void topKDrawsOnlyAmongTheKMostLikely() {
    Set<Integer> seen = draws(new TokenSampler(1.0, 2, 1.0));
    assertEquals(Set.of(1, 2), seen);
  }

  @Test
  void topPKeepsTheSmallestSetReachingTheMass() {
    // softmax(4,3,2,1,0): 0.64, 0.24, 0.09, ... -> top-p 0.8 keeps {1, 2}
    assertEquals(Set.of(1, 2), draws(new TokenSampler(1.0, 0, 0.8)));
  }

  @Test
  void bannedTokenIsNeverDrawn() {
    Set<Integer> seen = draws(new TokenSampler(5.0, 0, 1.0));
    assertFalse(seen.contains(3));
    assertEquals(5, seen.size());
  }

  @Test
  void penaltiesLowerRepeatsAndBanNgrams() {
    float[] l = {2f, -2f, 1f, 1f};
    new LogitsPenalties(2.0, 0).apply(l, List.of(0, 1, 0));
    assertArrayEquals(new float[] {1f, -4f, 1f, 1f}, l);
    float[] m = {0, 0, 0, 0};
    new LogitsPenalties(1.0, 3).apply(m, List.of(1, 2, 3, 1, 2));
    assertEquals(Float.NEGATIVE_INFINITY, m[3]); // "1 2 3" already generated
    assertEquals(0f, m[0]);
  }

  private static Set<Integer> draws(TokenSampler sampler) {
    SplittableRandom r = new SplittableRandom(7);
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 2000; i++) seen.add(sampler.pick(LOGITS.clone(), r));
    return seen;
  }
}
