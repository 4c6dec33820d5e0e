package dev.xdai.evaluation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HallucinatedNumbersTest {

  @Test
  void aNumberFromNowhereIsHallucinated() {
    assertTrue(HallucinatedNumbers.hallucinated("第24届金球奖", List.of("Q:奖项是什么？ A:第68届金球奖", "A:你好")));
  }

  @Test
  void aNumberFromTheKnowledgeOrContextIsNot() {
    assertFalse(HallucinatedNumbers.hallucinated("第68届金球奖", List.of("第68届金球奖", "")));
    assertFalse(HallucinatedNumbers.hallucinated("是1980年", List.of("", "A:他1980年出生吗")));
  }

  @Test
  void numbersMatchWholeAndByValue() {
    assertTrue(HallucinatedNumbers.hallucinated("24岁", List.of("2024年")));
    assertFalse(HallucinatedNumbers.hallucinated("6月25日", List.of("2004年06月25日")));
    assertFalse(HallucinatedNumbers.hallucinated("２４岁", List.of("24")));
  }

  @Test
  void repliesWithoutDigitsAreNeverHallucinated() {
    assertFalse(HallucinatedNumbers.hallucinated("二十四岁", List.of()));
  }

  @Test
  void everyNumberMustBeGrounded() {
    assertTrue(HallucinatedNumbers.hallucinated("2004年拍的，成本29万", List.of("2004年")));
  }

  @Test
  void extractsCanonicalNumbers() {
    assertEquals(Set.of("2004", "6", "0"), HallucinatedNumbers.numbers("2004年06月，00"));
  }
}
