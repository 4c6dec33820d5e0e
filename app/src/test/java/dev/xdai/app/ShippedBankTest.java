package dev.xdai.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.retrieval.bank.BankEntry;
import dev.xdai.retrieval.bank.ResponseBank;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped chit-chat bank is imported once, and again when the shipped file changes, across restarts. */
class ShippedBankTest {

  @TempDir Path dir;

  static byte[] tsv(String... lines) {
    return ("# a bank: context<TAB>reply\n" + String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anUnchangedBankIsKeptAndAChangedOneImportedAgain() throws Exception {
    byte[] first = tsv("今天天气真好\t是啊，适合出去走走。", "你喜欢吃什么\t我最喜欢吃火锅了。");
    try (ResponseBank bank = ResponseBank.open(dir)) {
      assertTrue(Wiring.refreshShippedBank(bank, first), "first use");
      assertEquals(2, bank.size(Wiring.SHIPPED_BANK));
    }
    try (ResponseBank bank = ResponseBank.open(dir)) {
      assertFalse(Wiring.refreshShippedBank(bank, first), "the same file, after a restart");
      byte[] second = tsv("你好\t你好呀，很高兴认识你。");
      assertTrue(Wiring.refreshShippedBank(bank, second), "a new shipped file");
      assertEquals(1, bank.size(Wiring.SHIPPED_BANK));
      assertEquals("你好呀，很高兴认识你。", bank.search("你好", 1).get(0).reply());
    }
    try (ResponseBank bank = ResponseBank.open(dir)) {
      bank.replace(Wiring.SHIPPED_BANK, java.util.List.of());
      assertTrue(Wiring.refreshShippedBank(bank, tsv("你好\t你好呀，很高兴认识你。")), "an emptied bank, or one with no fingerprint");
    }
  }

  @Test
  void aBankTheUserImportedUnderTheShippedNameIsKept() throws Exception {
    try (ResponseBank bank = ResponseBank.open(dir)) {
      Wiring.refreshShippedBank(bank, tsv("你好\t你好呀，很高兴认识你。"));
      bank.replace(Wiring.SHIPPED_BANK, List.of(new BankEntry("u:1", "今天天气真好", "是啊，适合出去走走。", "import:chitchat:mine.tsv")));
    }
    try (ResponseBank bank = ResponseBank.open(dir)) {
      assertFalse(Wiring.refreshShippedBank(bank, tsv("晚安\t晚安，做个好梦。")), "a new shipped file does not replace the user's");
      assertEquals(1, bank.size(Wiring.SHIPPED_BANK));
      assertEquals("是啊，适合出去走走。", bank.search("今天天气", 1).get(0).reply());
    }
  }

  @Test
  void aShippedBankImportedBeforeFingerprintsIsImportedAgain() throws Exception {
    try (ResponseBank bank = ResponseBank.open(dir)) {
      // as an older version imported it: the shipped source, no fingerprint
      bank.replace(Wiring.SHIPPED_BANK, List.of(new BankEntry("bank:chitchat:2", "你好", "她喜欢的是钱德医生", Wiring.SHIPPED_SOURCE)));
      assertTrue(Wiring.refreshShippedBank(bank, tsv("你好\t你好呀，很高兴认识你。")));
      assertEquals("你好呀，很高兴认识你。", bank.search("你好", 1).get(0).reply());
    }
  }
}
