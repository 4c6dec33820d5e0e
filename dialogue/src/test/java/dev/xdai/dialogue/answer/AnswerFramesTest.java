package dev.xdai.dialogue.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xdai.prompting.KnowledgeItem;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerFramesTest {

  static KnowledgeItem fact(String id, String entity, String attribute, String value) {
    return KnowledgeItem.qa(id, entity + "的" + attribute + "是什么？", value, "kb", "p", 1).withFact(new KnowledgeItem.Fact(entity, attribute));
  }

  @Test
  void oneFactHasABareAnAttributeAndAnEntityFrame() {
    List<AnswerFrames.Quote> q = AnswerFrames.quotes(List.of(fact("a", "口腔科", "收费", "洗牙每次150元")), 50);
    assertEquals(List.of("洗牙每次150元。", "收费是洗牙每次150元。", "口腔科的收费是洗牙每次150元。"), AnswerFrames.variants(q));
  }

  @Test
  void theValuesOfOneAttributeAreSaidTogetherAndOtherFactsFollow() {
    List<AnswerFrames.Quote> q = AnswerFrames.quotes(List.of(
        fact("a", "消失的爱人（美国2014年大卫·芬奇执导电影）", "主演", "尼尔·帕特里克·哈里斯"),
        fact("b", "消失的爱人（美国2014年大卫·芬奇执导电影）", "主演", "本·阿弗莱克"),
        fact("c", "消失的爱人（美国2014年大卫·芬奇执导电影）", "片长", "145分钟")), 50);
    assertEquals("消失的爱人的主演是尼尔·帕特里克·哈里斯、本·阿弗莱克；消失的爱人的片长是145分钟。", AnswerFrames.variants(q).get(2));
    assertEquals("尼尔·帕特里克·哈里斯、本·阿弗莱克；145分钟。", AnswerFrames.variants(q).get(0));
  }

  @Test
  void aCuratedAnswerOrADescriptionIsQuotedAsItIs() {
    KnowledgeItem faq = KnowledgeItem.qa("f", "洗牙需要预约吗？", "需要。口腔科的洗牙和补牙都要提前一天预约。", "faq", "clinic", 1);
    assertEquals(List.of("需要。口腔科的洗牙和补牙都要提前一天预约。"), AnswerFrames.variants(AnswerFrames.quotes(List.of(faq), 50)));
    KnowledgeItem description = KnowledgeItem.description("d", "儿科", "儿科为14岁以下的儿童提供常见病诊疗", "kb", "clinic", 1)
        .withFact(new KnowledgeItem.Fact("儿科", ""));
    assertEquals(List.of("儿科为14岁以下的儿童提供常见病诊疗。"), AnswerFrames.variants(AnswerFrames.quotes(List.of(description), 50)));
  }

  @Test
  void onlyFinishedSentencesThatFitAreAdded() {
    assertEquals("你去过吗？", AnswerFrames.sentences("你去过吗？我上次", 20));
    assertEquals("", AnswerFrames.sentences("这里面前台上的一家，", 20));
    assertEquals("", AnswerFrames.sentences("很好玩。你去过吗？", 3));
    assertEquals("很好玩。", AnswerFrames.sentences("很好玩。你去过吗？", 6));
  }

  @Test
  void aRepeatedSpanIsQuotedOnce() {
    assertEquals(1, AnswerFrames.quotes(List.of(fact("a", "甲", "电话", "123"), fact("b", "乙", "电话", "123")), 50).size());
  }
}
