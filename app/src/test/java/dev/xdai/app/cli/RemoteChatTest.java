package dev.xdai.app.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The client side of the streamed turn: the SSE wire format as the service writes it. */
class RemoteChatTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TerminalStream stream = new TerminalStream(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);

  private ChatCommand.Answered read(String wire) throws Exception {
    return RemoteChat.read(new BufferedReader(new StringReader(wire)), stream);
  }

  @Test
  void tokensStreamAndTheTurnEventEndsTheTurn() throws Exception {
    ChatCommand.Answered a = read("""
        event: token
        data: 你好

        event:token
        data:呀

        event: ping
        data: ignored

        event: turn
        data: {"reply":"你好呀","index":0,"grounding":{"persona":"xiaodai","history":[],"knowledge":[],"background":[],"dropped":[],"unsupportedNumbers":[],"notes":[],"timingsMs":{}}}

        """);
    assertEquals("你好呀", a.reply());
    assertEquals("xiaodai", a.grounding().orElseThrow().persona());
    assertTrue(bytes.toString(StandardCharsets.UTF_8).endsWith("你好呀"));
  }

  @Test
  void multiLineDataIsJoinedWithNewlinesAndARestartVoidsTheAttempt() throws Exception {
    ChatCommand.Answered a = read("""
        event: token
        data: 第一行
        data: 第二行

        event: restart
        data: repetition

        event: turn
        data: {"reply":"好的"}

        """);
    assertEquals("好的", a.reply());
    assertTrue(a.grounding().isEmpty());
    String shown = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(shown.contains("第一行") && !shown.contains("第二行"), shown); // display stops at the line break
  }

  @Test
  void aGroundingOfAnotherShapeLeavesTheReply() throws Exception {
    ChatCommand.Answered a = read("""
        event: turn
        data: {"reply":"好的","index":1,"grounding":{"history":"not a list"}}

        """);
    assertEquals("好的", a.reply());
    assertTrue(a.grounding().isEmpty());
  }

  @Test
  void anErrorEventIsAFailureAndA503EndsTheChat() {
    var e = assertThrows(ChatCommand.ChatFailure.class, () -> read("""
        event: error
        data: {"status":503,"detail":"no language model is available"}

        """));
    assertTrue(e.unavailable);
    assertTrue(e.getMessage().contains("no language model is available"));
  }

  @Test
  void aStreamThatEndsWithoutTheTurnIsAnError() {
    assertThrows(java.io.IOException.class, () -> read("event: token\ndata: 半\n\n"));
  }
}
