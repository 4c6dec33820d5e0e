package dev.xdai.evaluation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CharF1Test {

  @Test
  void f1OfTwoStringsByHand() {
    // reply 我爱你, gold 我爱他: 2 shared characters, precision 2/3, recall 2/3
    assertEquals(2.0 / 3, CharF1.f1("我爱你", "我爱他"), 1e-12);
  }

  @Test
  void repeatedCharactersCountAsAMultiset() {
    // 啊啊啊 against 啊: overlap min(3, 1) = 1, precision 1/3, recall 1, F1 = 2 * (1/3) / (4/3) = 0.5
    assertEquals(0.5, CharF1.f1("啊啊啊", "啊"), 1e-12);
  }

  @Test
  void whitespaceIsNotACharacter() {
    assertEquals(1.0, CharF1.f1("我 爱\t你", "我爱你 "), 1e-12);
  }

  @Test
  void noOverlapOrEmptyReplyScoresZero() {
    assertEquals(0.0, CharF1.f1("", "我爱你"));
    assertEquals(0.0, CharF1.f1("好", "我爱你"));
  }

  @Test
  void supplementaryCharactersAreOneCharacter() {
    // 𠀀 is one code point (two UTF-16 units): 𠀀a vs 𠀀b share 1 of 2
    assertEquals(0.5, CharF1.f1("𠀀a", "𠀀b"), 1e-12);
  }

  @Test
  void knowledgeReferenceJoinsValuesDropsWhitespaceAndCutsTo120() {
    assertEquals("abcde", CharF1.knowledgeReference(List.of("ab c", "de")));
    String cut = CharF1.knowledgeReference(List.of("甲".repeat(100), "乙 ".repeat(50)));
    assertEquals(120, cut.codePointCount(0, cut.length()));
    assertEquals("甲".repeat(100) + "乙".repeat(20), cut);
  }
}
