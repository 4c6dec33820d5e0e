package dev.xdai.app.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The terminal conversation over a scripted backend (the backends themselves are tested end to end). */
class ChatCommandTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final List<String> asked = new ArrayList<>();

  private ChatCommand.Backend backend(boolean unavailableOnSecond) {
    return new ChatCommand.Backend() {
      @Override public ChatCommand.Opened open(String bot, String emotion) throws ChatCommand.ChatFailure {
        if (bot.equals("nobody")) throw new ChatCommand.ChatFailure("no persona 'nobody'", false);
        return new ChatCommand.Opened("s1", bot, "小呆", "你好，我是小呆。");
      }

      @Override public ChatCommand.Answered turn(String sessionId, String text, String emotion, TerminalStream stream)
          throws ChatCommand.ChatFailure {
        asked.add(text + "/" + emotion);
        if (unavailableOnSecond && asked.size() == 2) throw new ChatCommand.ChatFailure("no language model is available", true);
        return new ChatCommand.Answered("收到：" + text, Optional.empty());
      }
    };
  }

  private int converse(ChatCommand.Backend backend, String bot, String input) throws Exception {
    return ChatCommand.converse(backend, bot, "", new BufferedReader(new StringReader(input)), out, false);
  }

  @Test
  void greetsAnswersFollowsCommandsAndKeepsTheSession() throws Exception {
    assertEquals(0, converse(backend(false), "xiaodai", "你好\n\n/emotion happy\n再见\n/quit\n没说出口\n"));
    String shown = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(shown.contains("小呆：你好，我是小呆。"), shown);
    assertTrue(shown.contains("小呆：收到：你好"), shown);
    assertEquals(List.of("你好/null", "再见/happy"), asked);
    assertTrue(shown.contains("(session s1 is kept"), shown);
  }

  @Test
  void anUnavailableModelEndsTheChatWithStatus3() throws Exception {
    assertEquals(3, converse(backend(true), "xiaodai", "一\n二\n三\n"));
    assertEquals(2, asked.size());
    assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("[model unavailable] no language model is available"));
  }

  @Test
  void anUnknownBotIsAUsageError() throws Exception {
    assertEquals(2, converse(backend(false), "nobody", "你好\n"));
    assertTrue(asked.isEmpty());
  }
}
