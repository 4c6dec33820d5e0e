package dev.xdai.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.xdai.knowledge.ingest.ConversationReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationReaderTest {

  static List<String> pairs(String text, String name) throws IOException {
    return ConversationReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), name, "t").stream()
        .map(e -> e.context() + " -> " + e.reply()).toList();
  }

  @Test
  void subtitleSessionsPairEachUtteranceWithTheNext() throws IOException {
    assertEquals(List.of("你好 -> 你好啊", "你好啊 -> 吃了吗", "再见 -> 明天见"),
        pairs("E\nM 你好\nM 你好啊\nM 吃了吗\nE\nM 再见\nM 明天见\n", "a.conv"));
  }

  @Test
  void chatterbotConversationsAreReadFromTheirListsOnly() throws IOException {
    String yml = "categories:\n- 问候\nconversations:\n- - 你好\n  - 你好，很高兴见到你\n- - \"你叫什么名字\"\n  - 我没有名字\n  - 真的吗\n";
    assertEquals(List.of("你好 -> 你好，很高兴见到你", "你叫什么名字 -> 我没有名字", "我没有名字 -> 真的吗"), pairs(yml, "greetings.yml"));
  }

  @Test
  void kdconvRepliesThatUsedKnowledgeAreLeftOut() throws IOException {
    String json = "[{\"messages\":[{\"message\":\"你看过这部电影吗\"},{\"message\":\"看过，2014年上映\",\"attrs\":[{\"name\":\"x\"}]},"
        + "{\"message\":\"我也很喜欢\"},{\"message\":\"那我们聊聊吧\"}]}]";
    assertEquals(List.of("看过，2014年上映 -> 我也很喜欢", "我也很喜欢 -> 那我们聊聊吧"), pairs(json, "dev.json"));
  }

  @Test
  void tsvLinesAreContextAndReply() throws IOException {
    assertEquals(List.of("早上好 -> 早呀"), pairs("# comment\n早上好\t早呀\nno tab here\n", "bank.tsv"));
  }

  @Test
  void anUnknownKindIsRefusedByName() {
    var e = assertThrows(IllegalArgumentException.class, () -> pairs("x", "notes.docx"));
    assertEquals(true, e.getMessage().contains("notes.docx"));
  }
}
