package dev.xdai.prompting;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromptTextTest {

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "plain text;plain text",
      "a|b;a｜b",
      "[MASK];〔MASK〕",
      "[gmask] x;〔gmask〕 x",
      "［sMASK］;〔sMASK〕",
      "[ sop ];〔sop〕",
      "[eop][pad][unk];〔eop〕〔pad〕〔unk〕",
      "[CLS] [SEP];〔CLS〕 〔SEP〕",
      "[MASKED];[MASKED]",
      "'  lots \t of\n\nspace  ';lots of space",
      "zero\u200bwidth;zero width",
  })
  void neutralises(String in, String expected) {
    assertEquals(expected, PromptText.neutralise(in));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {"A:x|B:[MASK]", "|||", "[gMASK][sop]", "Q:a A:b|"})
  void neutralisedTextHasNoSeparatorOrControlToken(String in) {
    String out = PromptText.neutralise(in);
    assertFalse(out.contains("|"));
    for (String t : new String[] {"[MASK]", "[gMASK]", "[sMASK]", "[sop]", "[eop]"}) assertFalse(out.contains(t), out);
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {"USER;你好;A:你好", "BOT;好|的;B:好｜的"})
  void turnsCarrySpeakerTags(Speaker s, String text, String expected) {
    assertEquals(expected, PromptText.turn(s, text));
  }
}
