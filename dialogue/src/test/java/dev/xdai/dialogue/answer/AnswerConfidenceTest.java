package dev.xdai.dialogue.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.prompting.KnowledgeItem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped calibration on hand-made cases: what it must call confident, and what it must not. */
class AnswerConfidenceTest {

  final Answerer answerer = new Answerer(AnswerConfidence.shipped(), Answerer.Settings.defaults());

  static KnowledgeItem fact(String id, String question, String entity, String attribute, String value, double score) {
    return KnowledgeItem.qa(id, question, value, "kb", "p", score).withFact(new KnowledgeItem.Fact(entity, attribute));
  }

  static final KnowledgeItem PRICE = fact("price", "口腔科洗牙多少钱？", "口腔科", "收费", "洗牙每次150元", 1.0);
  static final KnowledgeItem HOURS = fact("hours", "智化寺什么时候开放？", "智化寺", "开放时间", "8:30-16:30（周一闭馆）", 0.4);

  @Test
  void theFeaturesReadTheQuestionAndTheFact() {
    AnswerFeatures f = AnswerFeatures.of(HOURS, null, "智化寺的开放时间是几点？", List.of());
    assertEquals(1.0, f.attributeAsked());
    assertEquals(0.2, f.questionAsked(), 1e-9, "of 什么 么时 时候 候开 开放, only 开放 is asked");
    assertEquals(1.0, AnswerFeatures.of(fact("a", "康宁社区诊所在哪里？", "康宁社区诊所", "地址", "青松路88号", 1), null, "那家诊所在哪里？",
        List.of()).questionAsked(), "在哪里, the entity's name aside");
    assertEquals(0.0, AnswerFeatures.of(fact("d", "康宁社区诊所是什么？", "康宁社区诊所", "Information", "社区诊所", 1), null, "那家诊所在哪里？",
        List.of()).questionAsked());
    assertEquals(1.0, f.entityInUtterance());
    assertEquals(1.0, f.question());
    assertEquals(0.0, f.curated());
    assertEquals(6.0 / 9, f.coverage(), 1e-9, "of 智化寺开放时间几点, the item lacks 间, 几 and 点");
    assertEquals(0.5, AnswerFeatures.of(fact("p", "口腔科洗牙多少钱？", "口腔科", "收费", "洗牙每次150元", 1), null, "做CT多少钱", List.of())
        .coverage(), 1e-9);
    AnswerFeatures later = AnswerFeatures.of(HOURS, null, "那里几点开放？", List.of("你知道智化寺吗？", "知道呀"));
    assertEquals(0.0, later.entityInUtterance());
    assertEquals(1.0, later.entityInContext());
  }

  @Test
  void theKindOfThingAskedTiesAQuestionToItsItemAcrossWordings() {
    KnowledgeItem born = fact("b", "王若琳是什么时候出生的？", "王若琳", "出生日期", "1988年08月01日", 0.9);
    KnowledgeItem about = KnowledgeItem.description("d", "王若琳是什么？", "王若琳，创作型歌手。", "kb", "p", 1.0)
        .withFact(new KnowledgeItem.Fact("王若琳", "Information"));
    AnswerFeatures age = AnswerFeatures.of(born, null, "那她多大了？", List.of("你知道王若琳吗？"));
    assertEquals(1.0, age.kindMatch(), "多大 asks for a date, as 什么时候出生 does");
    assertEquals(0.0, age.kindMismatch());
    AnswerFeatures aboutAge = AnswerFeatures.of(about, null, "那她多大了？", List.of("你知道王若琳吗？"));
    assertEquals(0.0, aboutAge.kindMatch());
    assertEquals(1.0, aboutAge.kindMismatch(), "a description does not answer a specific question");
    AnswerFeatures open = AnswerFeatures.of(about, null, "给我介绍一下王若琳", List.of());
    assertEquals(0.0, open.kindMatch() + open.kindMismatch(), "an open request asks for no kind");
    assertEquals(1.0, AnswerFeatures.of(PRICE, null, "那里洗牙收费吗", List.of()).kindMatch(), "收费 and 多少钱 both ask a price");
    assertEquals(1.0, AnswerFeatures.of(HOURS, null, "智化寺几点开门？", List.of()).kindMatch());
    assertEquals(1.0, AnswerFeatures.of(PRICE, null, "口腔科电话多少？", List.of()).kindMismatch());
    KnowledgeItem blood = fact("t", "检验科的抽血时间是什么？", "检验科", "抽血时间", "每天7:30-10:30", 0.8);
    assertEquals(1.0, AnswerFeatures.of(blood, null, "检验科几点可以抽血？", List.of()).kindMatch(),
        "the question names no kind, but its value is a time of day");
    assertEquals(java.util.Set.of(), AskedKind.ofValue("弹性工作制，可以申请远程办公"));
    assertEquals(java.util.Set.of(AskedKind.PHONE), AskedKind.ofValue("0571-0000 6612（前台）"));
  }

  @Test
  void everyKindIsReadFromItsOwnWords() {
    assertEquals(java.util.Set.of(), AskedKind.of("今天天气真好"));
    assertEquals(java.util.Set.of(AskedKind.PLACE), AskedKind.of("那家诊所在哪儿"));
    assertEquals(java.util.Set.of(AskedKind.PLACE), AskedKind.of("口腔科在几楼？"));
    assertEquals(java.util.Set.of(AskedKind.DURATION), AskedKind.of("这部片子演多久"));
    assertEquals(java.util.Set.of(AskedKind.PRICE, AskedKind.HOURS), AskedKind.of("门票多少钱，几点开门？"));
  }

  @Test
  void aTopRankedItemThatAsksWhatTheUtteranceAsksIsConfident() {
    Answerer.Decision d = answerer.decide(List.of(PRICE, HOURS), false, "口腔科洗牙多少钱？", List.of());
    assertEquals(List.of("price"), d.confident().stream().map(c -> c.item().id()).toList());
  }

  @Test
  void theMostConfidentItemLeadsEvenWhenRetrievalRankedAnotherFirst() {
    KnowledgeItem about = KnowledgeItem.description("d", "预约挂号", "预约挂号可以通过电话、微信公众号或前台办理。", "kb", "clinic", 1.0)
        .withFact(new KnowledgeItem.Fact("预约挂号", ""));
    KnowledgeItem fee = fact("fee", "康宁社区诊所的挂号费是什么？", "康宁社区诊所", "挂号费", "普通号10元，主治医师号20元", 0.9);
    Answerer.Decision d = answerer.decide(List.of(about, fee), false, "挂号费多少钱？", List.of());
    assertEquals("fee", d.confident().get(0).item().id());
    assertEquals("普通号10元，主治医师号20元", answerer.quotes(d).get(0).span());
  }

  @Test
  void factsAreQuotedTogetherOnlyWhenAskedTogether() {
    KnowledgeItem ticket = fact("ticket", "智化寺的门票多少钱？", "智化寺", "门票", "20元", 0.8);
    KnowledgeItem address = fact("address", "智化寺在哪里？", "智化寺", "地址", "北京市东城区禄米仓胡同5号", 0.7);
    Answerer.Decision both = answerer.decide(List.of(HOURS, ticket, address), false, "智化寺的开放时间和门票呢？", List.of());
    assertEquals(java.util.Set.of("8:30-16:30（周一闭馆）", "20元"),
        answerer.quotes(both).stream().map(AnswerFrames.Quote::span).collect(java.util.stream.Collectors.toSet()));
    // with a threshold that lets every item through, what is quoted is the quoting rule's choice alone
    Answerer all = new Answerer(AnswerConfidence.shipped().withThreshold(0.001), Answerer.Settings.defaults());
    Answerer.Decision one = all.decide(List.of(ticket, address, HOURS), false, "智化寺的门票多少钱？", List.of());
    assertEquals(3, one.confident().size());
    assertEquals(List.of("20元"), all.quotes(one).stream().map(AnswerFrames.Quote::span).toList());
    Answerer.Decision given = answerer.decide(List.of(ticket, address), true, "智化寺的门票多少钱？", List.of());
    assertEquals(2, answerer.quotes(given).size(), "what the caller gave for the turn is said together");
    KnowledgeItem star1 = fact("s1", "霸王别姬的主演有哪些人？", "霸王别姬", "主演", "张国荣", 1.0);
    KnowledgeItem star2 = fact("s2", "霸王别姬的主演有哪些人？", "霸王别姬", "主演", "巩俐", 0.99);
    Answerer.Decision stars = all.decide(List.of(star1, star2, HOURS), false, "霸王别姬是谁演的？", List.of());
    assertEquals(List.of("张国荣", "巩俐"), all.quotes(stars).stream().map(AnswerFrames.Quote::span).toList(),
        "the values of the lead's attribute, not the other entity's fact");
  }

  @Test
  void aWeakUnrelatedItemIsNot() {
    KnowledgeItem ticket = fact("t", "故宫的门票多少钱？", "故宫", "门票", "60元", 0.3);
    Answerer.Decision d = answerer.decide(List.of(ticket), false, "你喜欢什么颜色呀", List.of());
    assertTrue(d.confident().isEmpty(), "confidence " + d.topConfidence());
  }

  @Test
  void anAnswerTheDialogueHasAlreadyGivenIsNotQuotedAgain() {
    Answerer.Decision d = answerer.decide(List.of(PRICE), false, "口腔科洗牙多少钱？", List.of("洗牙每次150元吗？"));
    assertFalse(d.candidates().isEmpty());
    assertTrue(d.confident().isEmpty());
  }

  @Test
  void aLaterPartOfAnAnswerAlreadyGivenIsQuotedWhenAskedAbout() {
    KnowledgeItem prices = fact("prices", "口腔科洗牙多少钱？", "口腔科", "收费", "洗牙每次150元；补牙按材料收费，每颗120元起", 1.0);
    List<String> recent = List.of("洗牙多少钱？", "收费是洗牙每次150元；补牙按材料收费，每颗120元起。");
    Answerer.Decision d = answerer.decide(List.of(prices), false, "那补牙呢？", recent);
    assertEquals(1, d.candidates().get(0).features().alreadySaid());
    assertEquals(List.of("prices"), d.confident().stream().map(c -> c.item().id()).toList(), "confidence " + d.topConfidence());
    assertEquals("补牙按材料收费，每颗120元起", answerer.quotes(d).get(0).span());
    assertTrue(answerer.decide(List.of(prices), false, "洗牙多少钱？", recent).confident().isEmpty(), "the same question again");
    // injected for the earlier exchange rather than for this utterance: weighed only because a part of it is asked about
    Answerer.Decision followUp = answerer.decide(List.of(HOURS), false, "那补牙呢？", recent, List.of(prices));
    assertEquals(List.of("prices"), followUp.confident().stream().map(c -> c.item().id()).toList());
    assertEquals(List.of("hours"), followUp.candidates().stream().map(c -> c.item().id()).toList());
    assertTrue(answerer.decide(List.of(HOURS), false, "智化寺几点开门？", recent, List.of(prices)).confident().stream()
        .noneMatch(c -> c.item().id().equals("prices")));
  }

  @Test
  void givenKnowledgeIsConfidentByDefinition() {
    Answerer.Decision d = answerer.decide(List.of(HOURS), true, "嗯嗯", List.of());
    assertEquals(1.0, d.topConfidence());
    assertEquals(1, d.confident().size());
  }

  @Test
  void theShippedThresholdLiesInsideTheCurve() {
    double t = AnswerConfidence.shipped().threshold();
    assertTrue(t > 0.05 && t < 0.95, "threshold " + t);
  }
}
