package dev.xdai.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalStreamTest {

  private static final String SAVE = "\0337";
  private static final String REDRAW = "\0338\033[J";

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String printed() { return bytes.toString(StandardCharsets.UTF_8); }

  @Test
  void piecesAppearAsTheyComeAndAMatchingReplyIsNotPrintedAgain() {
    TerminalStream s = new TerminalStream(out, true);
    s.onToken("你好");
    assertEquals(SAVE + "你好", printed());
    s.onToken("，我是小呆");
    s.finish("你好，我是小呆");
    assertEquals(SAVE + "你好，我是小呆" + System.lineSeparator(), printed());
  }

  @Test
  void nothingAfterATurnSeparatorIsShownAndACleanedReplyIsRedrawn() {
    TerminalStream s = new TerminalStream(out, true);
    s.onToken("好的|A:");
    s.onToken("还有吗");
    assertEquals(SAVE + "好的", printed());
    s.finish("好的。");
    assertEquals(SAVE + "好的" + REDRAW + "好的。" + System.lineSeparator(), printed());
  }

  @Test
  void aRegeneratedAttemptReplacesTheFirst() {
    TerminalStream s = new TerminalStream(out, true);
    s.onToken("哈哈哈哈哈哈");
    s.onRestart("repetition");
    s.onToken("你说得对");
    s.finish("你说得对");
    assertEquals(SAVE + "哈哈哈哈哈哈" + REDRAW + "你说得对" + System.lineSeparator(), printed());
  }

  @Test
  void withoutATerminalOnlyTheFinalReplyIsPrinted() {
    TerminalStream s = new TerminalStream(out, false);
    s.onToken("好的|A:");
    s.onRestart("x");
    s.finish("好的。");
    assertEquals("好的。" + System.lineSeparator(), printed());
  }
}
