package dev.xdai.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Text normalisation: what "the same text" means for retrieval, linking and the faithfulness checks. */
class ChineseTextPropertiesTest {

  @Property(tries = 2000)
  void foldingKeepsTheLengthAndFoldingTwiceChangesNothing(@ForAll("texts") String s) {
    String folded = ChineseText.fold(s);
    assertEquals(s.length(), folded.length(), "offsets found in the folded text hold in the original");
    assertEquals(folded, ChineseText.fold(folded));
    assertTrue(folded.chars().noneMatch(c -> c >= 0xFF01 && c <= 0xFF5E || c == 0x3000), folded);
  }

  @Property(tries = 2000)
  void contentOnlyKeepsLettersAndDigitsInOrderAndIgnoresWidthCaseAndPunctuation(@ForAll("texts") String s) {
    String content = ChineseText.contentOnly(s);
    assertTrue(content.chars().allMatch(c -> ChineseText.isContent((char) c)), content);
    assertEquals(content, ChineseText.contentOnly(content));
    assertEquals(content, ChineseText.contentOnly(widen(s.toUpperCase(java.util.Locale.ROOT)) + "，。！ "));
  }

  /** ASCII letters, digits and punctuation written full width, as Chinese input methods often do. */
  private static String widen(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.chars().forEach(c -> b.append(c >= 0x21 && c <= 0x7E ? (char) (c + 0xFEE0) : (char) c));
    return b.toString();
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withCharRange('一', '龥').withCharRange('a', 'z').withCharRange('A', 'Z')
        .withCharRange('0', '9').withCharRange('\uFF01', '\uFF5E').withChars("，。 \u3000?!").ofMaxLength(30);
  }
}
