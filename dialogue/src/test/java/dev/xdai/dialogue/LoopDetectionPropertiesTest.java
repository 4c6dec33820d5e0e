package dev.xdai.dialogue;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The repetition-loop check on replies: loops anywhere are caught, replies of distinct characters never are. */
class LoopDetectionPropertiesTest {

  @Property(tries = 2000)
  void aUnitRepeatedFourTimesAnywhereIsALoop(@ForAll("words") String before, @ForAll("units") String unit,
      @ForAll @IntRange(min = 4, max = 7) int times, @ForAll("words") String after) {
    assertTrue(PostProcessor.isLoop(before + unit.repeat(times) + after), before + "|" + unit + "x" + times + "|" + after);
  }

  @Property(tries = 2000)
  void aReplyWithoutARepeatedCharacterIsNeverALoop(@ForAll("distinct") String reply) {
    assertFalse(PostProcessor.isLoop(reply), reply);
  }

  @Provide
  Arbitrary<String> units() {
    // Units of one punctuation mark or digit are allowed to repeat (……, 8888); longer units are not.
    return Arbitraries.strings().withCharRange('一', '龥').ofMinLength(1).ofMaxLength(8);
  }

  @Provide
  Arbitrary<String> words() {
    return Arbitraries.strings().withCharRange('一', '龥').withChars("，。").ofMaxLength(10);
  }

  @Provide
  Arbitrary<String> distinct() {
    return Arbitraries.chars().range('一', '龥').list().uniqueElements().ofMaxSize(40)
        .map(cs -> cs.stream().map(String::valueOf).reduce("", String::concat));
  }
}
