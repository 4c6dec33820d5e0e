package dev.xdai.evaluation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BleuTest {

  @Test
  void unigramPrecisionIsClipped() {
    // 的 four times in the reply, once in the gold reply: 1 of 4 unigrams count
    assertEquals(0.25, Bleu.precision("的的的的", "的好", 1), 1e-12);
  }

  @Test
  void bigramPrecisionIsClipped() {
    // reply bigrams 我爱, 爱我, 我爱; gold has 我爱 once: 1 of 3
    assertEquals(1.0 / 3, Bleu.precision("我爱我爱", "我爱你", 2), 1e-12);
  }

  @Test
  void exactReplyScoresOne() {
    assertEquals(1.0, Bleu.precision("导演是尼克", "导演是尼克", 1), 1e-12);
    assertEquals(1.0, Bleu.precision("导演是尼克", "导演是尼克", 2), 1e-12);
  }

  @Test
  void replyShorterThanNScoresZero() {
    assertEquals(0.0, Bleu.precision("好", "好的", 2));
    assertEquals(0.0, Bleu.precision("", "好的", 1));
  }

  @Test
  void noBrevityPenalty() {
    // a one-character reply found in the gold reply is fully precise
    assertEquals(1.0, Bleu.precision("好", "好的好的好的", 1), 1e-12);
  }
}
