package dev.xdai.evaluation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CharPerplexityTest {

  @Test
  void corpusLevelFromLogLikelihoods() {
    CharPerplexity ppl = new CharPerplexity();
    ppl.add(-2.0, 2);
    ppl.add(-4.0, 2);
    // exp((2 + 4) / (2 + 2)) = exp(1.5), not the mean of exp(1) and exp(2)
    assertEquals(Math.exp(1.5), ppl.value(), 1e-12);
    assertEquals(2, ppl.scored());
  }

  @Test
  void undefinedWithoutScores() {
    assertTrue(Double.isNaN(new CharPerplexity().value()));
  }
}
