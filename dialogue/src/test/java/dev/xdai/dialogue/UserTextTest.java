package dev.xdai.dialogue;

import static org.junit.jupiter.api.Assertions.*;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

class UserTextTest {

  @Example
  void controlsGoNewlinesTabsAndEmojiStay() {
    assertEquals("hello\nworld\t!", UserText.clean("text", "\u0000hel\u0007lo\n\u001bworld\t\u0085!\u007f"));
    assertEquals("你好😀", UserText.clean("text", "你好😀"));
    assertEquals("a", UserText.clean("text", "a\r"));
    assertNull(UserText.clean("text", null));
    var e = assertThrows(DialogueException.class, () -> UserText.clean("text", "ab\ud800c"));
    assertEquals(DialogueException.Kind.INVALID, e.kind());
    assertTrue(e.getMessage().contains("text") && e.getMessage().contains("index 2"), e.getMessage());
    assertThrows(DialogueException.class, () -> UserText.clean("text", "\udc00"));
    assertThrows(DialogueException.class, () -> UserText.clean("text", "x\ud83d"));
  }

  @Provide
  Arbitrary<String> anything() {
    return Arbitraries.strings().all().ofMaxLength(80);
  }

  /** Any string either is refused for a lone surrogate or comes back as exactly its non-control characters, in order. */
  @Property(tries = 2000)
  void keepsExactlyTheTextAndDropsOnlyControls(@ForAll("anything") String s) {
    String expected = expected(s);
    if (expected == null) {
      assertThrows(DialogueException.class, () -> UserText.clean("text", s));
      return;
    }
    String clean = UserText.clean("text", s);
    assertEquals(expected, clean);
    assertEquals(clean, UserText.clean("text", clean), "idempotent");
    clean.chars().forEach(c -> assertTrue(c == '\n' || c == '\t' || !(c < 0x20 || (c >= 0x7f && c <= 0x9f)), "control " + c));
  }

  /** The rule stated over code points, independently of the implementation's char loop; null: refused. */
  private static String expected(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (Character.charCount(cp) == 1 && Character.isSurrogate((char) cp)) return null;
      boolean control = Character.getType(cp) == Character.CONTROL && cp != '\n' && cp != '\t';
      if (!control) b.appendCodePoint(cp);
      i += Character.charCount(cp);
    }
    return b.toString();
  }
}
