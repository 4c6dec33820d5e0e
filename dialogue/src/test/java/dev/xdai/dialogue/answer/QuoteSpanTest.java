package dev.xdai.dialogue.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.prompting.KnowledgeItem;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuoteSpanTest {

  @Test
  void aShortValueIsQuotedWhole() {
    assertEquals("洗牙每次150元；补牙按材料收费，每颗120元起", QuoteSpan.of("洗牙每次150元；补牙按材料收费，每颗120元起", 50));
    assertEquals("010-65253670", QuoteSpan.of(" 010-65253670 ", 50));
  }

  @Test
  void aLongValueIsCutAfterWholeSentencesThenWholeClauses() {
    String v = "康宁社区诊所是青松路上的一家社区综合诊所。开设全科门诊、儿科、口腔科、中医科和预防接种门诊，配有检验科和康宁便民药房。";
    assertEquals("康宁社区诊所是青松路上的一家社区综合诊所。", QuoteSpan.of(v, 30));
    String clauses = "周一至周五8:00-20:00，周六、周日8:00-17:00，法定节假日另行通知";
    assertEquals("周一至周五8:00-20:00，周六、周日8:00-17:00", QuoteSpan.of(clauses, 32));
    assertEquals("周一至周五8:00-20:00", QuoteSpan.of(clauses, 16));
  }

  @Test
  void aFirstClauseLongerThanTheBudgetIsQuotedWholeRatherThanCut() {
    assertEquals("电话13800138000转分机12345请在工作日拨打", QuoteSpan.of("电话13800138000转分机12345请在工作日拨打", 10));
  }

  /** Many generated values: numbers, dates, phone numbers, prices and long descriptions, cut at many budgets. */
  @Test
  void theSpanIsAVerbatimPrefixThatNeverCutsANumberAndEveryFrameSaysIt() {
    Random random = new Random(20261202L);
    for (int trial = 0; trial < 5000; trial++) {
      String value = randomValue(random);
      int max = 1 + random.nextInt(80);
      String span = QuoteSpan.of(value, max);
      String v = value.strip();
      assertTrue(v.startsWith(span), () -> "not a prefix: '" + span + "' of '" + v + "'");
      assertTrue(!span.isEmpty() || v.isEmpty());
      if (span.length() < v.length()) {
        char last = span.charAt(span.length() - 1);
        char next = v.charAt(span.length());
        assertTrue(!(Character.isLetterOrDigit(last) && Character.isLetterOrDigit(next)),
            () -> "cut inside a word or number: '" + span + "' of '" + v + "'");
        String rest = v.substring(span.length());
        assertTrue(!(Character.isDigit(last) && rest.matches("(?s)^[:,.][0-9].*")),
            () -> "cut inside a time or number: '" + span + "' of '" + v + "'");
      }
      KnowledgeItem item = KnowledgeItem.qa("k" + trial, "甲的乙是什么？", value, "", "p", 1).withFact(new KnowledgeItem.Fact("甲（某）", "乙"));
      List<AnswerFrames.Quote> quotes = AnswerFrames.quotes(List.of(item), max);
      for (String frame : AnswerFrames.variants(quotes)) {
        assertTrue(frame.contains(quotes.get(0).span()), () -> "frame '" + frame + "' does not say '" + span + "'");
      }
    }
  }

  private static final String[] WORDS = {"门票", "开放时间", "周一闭馆", "北京市东城区禄米仓胡同", "大卫·芬奇", "上映", "主演", "很好看",
      "位于", "山顶", "历史悠久的", "Fincher", "the", "B口"};
  private static final String[] ENDS = {"，", "。", "；", "、", "！", "？", ",", "\n", "：", ""};

  private static String randomValue(Random r) {
    StringBuilder b = new StringBuilder();
    int parts = 1 + r.nextInt(12);
    for (int i = 0; i < parts; i++) {
      switch (r.nextInt(8)) {
        case 0 -> b.append(r.nextInt(100000));
        case 5 -> b.append(1 + r.nextInt(9)).append(",").append(100 + r.nextInt(900)).append("人");
        case 1 -> b.append(1900 + r.nextInt(130)).append("年").append(1 + r.nextInt(12)).append("月").append(1 + r.nextInt(28)).append("日");
        case 2 -> b.append("0").append(10 + r.nextInt(890)).append("-").append(10000000 + r.nextInt(89999999));
        case 3 -> b.append(r.nextInt(500)).append(".").append(r.nextInt(100)).append("元");
        case 4 -> b.append(r.nextInt(24)).append(":").append(10 + r.nextInt(50)).append("-").append(r.nextInt(24)).append(":30");
        default -> b.append(WORDS[r.nextInt(WORDS.length)]);
      }
      b.append(ENDS[r.nextInt(ENDS.length)]);
    }
    return b.toString();
  }
}
