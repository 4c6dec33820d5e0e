package dev.xdai.retrieval.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseBankTest {

  static BankEntry e(String id, String context, String reply) {
    return new BankEntry(id, context, reply, "test");
  }

  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource(delimiter = '|', textBlock = """
      # context          | reply
      今天天气真好         | 是啊，适合出去走走。
      # 谢谢 is no name
      你帮了我            | 好啊，没问题 谢谢
      # one name character in a row is no name
      你会来吗            | 特别想去，可是克服不了懒。
      """)
  void theFilterKeepsRepliesAnyConversationCanUse(String context, String reply) {
    assertNull(BankFilter.reject(e("kept", context, reply)));
  }

  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource(delimiter = '|', textBlock = """
      # context          | reply
      门票多少钱          | 门票60元。
      你看过吗            | 看过《霸王别姬》，很好看。
      他是谁             | 他是大卫·芬奇。
      你好               | Hello Sarah
      你好               | 好
      你好               | 哈哈哈哈哈哈哈哈
      ''                | 没有上文的回复
      你好               | 他三十二岁了
      你喜欢什么季节       | 她喜欢的是钱德医生和莫妮卡牧师
      你有事吗            | 你还留下乔伊的内裤？
      工作上遇到了一些麻烦  | 我们遇到了问题 还是...
      你说               | 我就抱你…
      """)
  void theFilterDropsFactsNamesAndUnusableReplies(String context, String reply) {
    assertNotNull(BankFilter.reject(e("dropped", context, reply)));
  }

  @Test
  void searchFindsRepliesByTheirContextAndAnImportReplacesTheBank() {
    try (ResponseBank bank = ResponseBank.inMemory()) {
      int kept = bank.replace("chat", List.of(
          e("1", "今天天气真好", "是啊，适合出去走走。"),
          e("2", "你喜欢吃什么", "我最喜欢吃火锅了。"),
          e("3", "门票多少钱", "门票60元。"),
          e("4", "今天天气不错", "今天天气不错")));
      assertEquals(2, kept, "the price states a fact, the last one echoes its context");
      List<ResponseBank.Hit> hits = bank.search("今天的天气怎么样", 5);
      assertEquals("是啊，适合出去走走。", hits.get(0).reply());
      assertEquals("chat", hits.get(0).bank());
      assertEquals("我最喜欢吃火锅了。", bank.search("你最喜欢吃什么东西？", 1).get(0).reply());
      bank.replace("chat", List.of(e("9", "你好", "你好呀，很高兴认识你。")));
      assertEquals(1, bank.size("chat"));
      assertTrue(bank.search("今天天气", 5).isEmpty(), "the old entries are gone");
      assertTrue(bank.search("，。！", 5).isEmpty());
    }
  }

  @Test
  void anEchoOfTheUtteranceIsNoReply() {
    try (ResponseBank bank = ResponseBank.inMemory()) {
      bank.replace("chat", List.of(e("1", "晚安", "晚安"), e("2", "晚安啦", "晚安，做个好梦。")));
      assertEquals(List.of("晚安，做个好梦。"), bank.search("晚安", 5).stream().map(ResponseBank.Hit::reply).toList());
    }
  }
}
