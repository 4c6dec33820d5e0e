package dev.xdai.evaluation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DistinctTest {

  @Test
  void distinctOnATinyCorpus() {
    Distinct d1 = new Distinct(1);
    Distinct d2 = new Distinct(2);
    for (String reply : new String[] {"好好", "好的"}) {
      d1.add(reply);
      d2.add(reply);
    }
    assertEquals(0.5, d1.value(), 1e-12); // 好 好 好 的: 2 distinct of 4
    assertEquals(1.0, d2.value(), 1e-12); // 好好, 好的: 2 of 2
  }

  @Test
  void ngramsDoNotCrossReplies() {
    Distinct d2 = new Distinct(2);
    d2.add("ab");
    d2.add("ab");
    d2.add("c");
    assertEquals(0.5, d2.value(), 1e-12); // ab, ab (no "bc" or "ba" across replies)
  }

  @Test
  void emptyCorpusIsZero() {
    assertEquals(0.0, new Distinct(1).value());
  }
}
