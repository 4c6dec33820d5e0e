package dev.xdai.generation.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event-stream wire format, line by line. */
class SseParserTest {

  static List<SseParser.Event> parse(String wire) {
    SseParser parser = new SseParser();
    List<SseParser.Event> events = new ArrayList<>();
    for (String line : wire.split("\n", -1)) parser.line(line).ifPresent(events::add);
    parser.line(null).ifPresent(events::add);
    return events;
  }

  @Test
  void namesDataLinesCommentsAndTheEnd() {
    assertEquals(List.of(
            new SseParser.Event("token", "你好"),
            new SseParser.Event("message", "第一行\n第二行"),
            new SseParser.Event("turn", " two spaces keep one"),
            new SseParser.Event("message", "unterminated")),
        parse("""
            : a comment
            event: token
            data: 你好

            data:第一行
            data: 第二行
            id: 7

            event:turn
            data:  two spaces keep one


            data: unterminated"""));
  }

  @Test
  void aBlankLineWithoutDataIsNoEventAndForgetsTheName() {
    assertEquals(List.of(new SseParser.Event("message", "x")), parse("event: ping\n\ndata: x\n\n"));
  }
}
