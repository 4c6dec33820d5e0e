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
  void theSpanStartsAtTheSentenceTheUtteranceAsksAbout() {
    String price = "洗牙每次150元；补牙按材料收费，每颗120元起";
    assertEquals("补牙按材料收费，每颗120元起", QuoteSpan.of(price, 50, "那补牙呢？", "口腔科洗牙多少钱？"));
    assertEquals(price, QuoteSpan.of(price, 50, "洗牙多少钱？", null));
    assertEquals(price, QuoteSpan.of(price, 50, "贵不贵？", null), "no sentence shares a bigram: from the start");
    String v = "康宁社区诊所是青松路上的一家社区综合诊所。开设全科门诊、儿科、口腔科。配有检验科和康宁便民药房。";
    assertEquals("配有检验科和康宁便民药房。", QuoteSpan.of(v, 20, "有药房吗", null));
    assertEquals("开设全科门诊、儿科、口腔科。配有检验科和康宁便民药房。", QuoteSpan.of(v, 30, "有儿科吗", null));
    String hours = "旺季7:00-19:00，停止入园17:00；淡季7:30-18:00；（如遇重大活动，开闭园时间将另行通知）。";
    assertEquals("旺季7:00-19:00，停止入园17:00", QuoteSpan.of(hours, 30, "那它的开放时间有要求吗？", "园博园的开放时间是什么？"),
        "what the item's question asks is answered by the whole value");
    String church = "山顶教堂位于古北水镇的小山上。外观是灰色的石头房。内部却是非常典雅优美的欧美风情，很是浪漫。这里经常可以参观到弥撒仪式。";
    assertEquals("这里经常可以参观到弥撒仪式。", QuoteSpan.of(church, 40, "可是内部却是非常典雅优美的欧美风情，很是浪漫。", null),
        "the sentence the user just said is not said back: the answer goes on after it");
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
      // focused on a random utterance: a verbatim run from a sentence start, never cut inside a number either
      String asked = WORDS[random.nextInt(WORDS.length)] + "呢？";
      String focused = QuoteSpan.of(value, max, asked, null);
      int at = -1;
      for (int i = 0; i < v.length() && at < 0; i++) {
        boolean sentenceStart = i == 0 || "。！？；!?;\n".indexOf(v.charAt(i - 1)) >= 0 || v.substring(0, i).isBlank();
        if (sentenceStart && v.startsWith(focused, i)) at = i;
      }
      int from = at;
      assertTrue(from >= 0, () -> "not a run from a sentence start: '" + focused + "' of '" + v + "' asked " + asked);
      int after = from + focused.length();
      if (!focused.isEmpty() && after < v.length()) {
        char last = focused.charAt(focused.length() - 1);
        assertTrue(!(Character.isLetterOrDigit(last) && Character.isLetterOrDigit(v.charAt(after))),
            () -> "focused span cut inside a word or number: '" + focused + "' of '" + v + "'");
      }
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
