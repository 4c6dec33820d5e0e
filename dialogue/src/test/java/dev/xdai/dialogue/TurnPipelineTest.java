package dev.xdai.dialogue;

import dev.xdai.dialogue.answer.AnswerConfidence;
import dev.xdai.dialogue.answer.Answerer;
import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.generation.Generation;
import dev.xdai.generation.GenerationOptions;
import dev.xdai.personas.Answering;
import dev.xdai.personas.Emotion;
import dev.xdai.personas.GenerationOverrides;
import dev.xdai.personas.Persona;
import dev.xdai.prompting.Exchange;
import dev.xdai.prompting.HistoryOrder;
import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.prompting.PostResponse;
import dev.xdai.prompting.TokenCounter;
import dev.xdai.prompting.Utterance;
import dev.xdai.retrieval.KnowledgeSource;
import dev.xdai.retrieval.embed.CachingEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TurnPipelineTest {

  static final Persona PLAIN = new Persona("plain", "小呆", "", "", List.of(), "", "", List.of(), null);
  static final Persona WITH_BACKGROUND = new Persona("xd", "小呆", "我是小呆，一个爱聊天的机器人。", "", List.of(), "", "", List.of(), null);
  static final Emotion ANGRY = new Emotion("angry", "生气",
      List.of(new PostResponse(List.of(Utterance.user("你不能好好说话吗，怎么突然生气了")))));

  static final KnowledgeItem SKI = KnowledgeItem.qa("qa:ski", "什么是滑雪？", "滑雪是一项冬季运动。", "kb", "sport", 1);
  static final KnowledgeItem SKI_DESC = KnowledgeItem.description("d:ski", "滑雪", "借助滑雪板在雪地上滑行的运动。", "kb", "sport", 1);
  static final KnowledgeItem TEA = KnowledgeItem.qa("qa:tea", "绿茶怎么泡？", "用八十度的水泡绿茶。", "kb", "food", 1);

  Doubles.ScriptedModel model = new Doubles.ScriptedModel("好呀，一起去吧");
  Doubles.CharEmbedder embedder = new Doubles.CharEmbedder();

  TurnPipeline pipeline(KnowledgeSource source, HistorySelector.Settings history) {
    return pipeline(source, history, StepObserver.NONE);
  }

  TurnPipeline pipeline(KnowledgeSource source, HistorySelector.Settings history, StepObserver observer) {
    return new TurnPipeline(new HistorySelector(history, TokenCounter.CODE_POINTS),
        new KnowledgeInjector(source, KnowledgeInjector.Settings.defaults()),
        new BackgroundComposer(source, BackgroundComposer.Settings.defaults()),
        new ConditionComposer(Doubles.catalog(List.of(PLAIN, WITH_BACKGROUND), List.of(ANGRY))),
        model, null, new PostProcessor(60), new FaithfulnessGuard(),
        new Answerer(AnswerConfidence.shipped(), Answerer.Settings.defaults()), null, TurnPipeline.Settings.standard(), observer);
  }

  TurnPipeline pipeline(KnowledgeSource source) {
    return pipeline(source, HistorySelector.Settings.defaults());
  }

  TurnRequest request(List<Exchange> history, String text, Persona persona, String emotion) {
    return new TurnRequest(history, text, persona, emotion, Switches.all(), null, null, new CachingEmbedder(embedder, 100), 0);
  }

  @Test
  void decodingIsTheDefaultsUnderThePersonasOverridesSeededByTheVariant() {
    GenerationOptions d = TurnPipeline.Settings.standard().defaults();
    Persona calm = new Persona("calm", "小静", "", "", List.of(), "", "", List.of(),
        new GenerationOverrides(null, 0.5, 10, null, null));
    GenerationOptions o = pipeline(KnowledgeSource.NONE).decoding(calm, 3);
    assertEquals(0.5, o.temperature());
    assertEquals(10, o.topK());
    assertEquals(d.topP(), o.topP());
    assertEquals(d.maxNewTokens(), o.maxNewTokens());
    assertEquals(d.repetitionPenalty(), o.repetitionPenalty());
    assertEquals(d.copyBias(), o.copyBias());
    assertEquals(d.seed() + 3, o.seed());
    assertEquals(d.temperature(), pipeline(KnowledgeSource.NONE).decoding(PLAIN, 0).temperature());
  }

  @Test
  void firstTurnWithoutKnowledgeIsTheUtteranceAndAGMask() {
    TurnResult r = pipeline(KnowledgeSource.NONE).run(request(List.of(), "你好", PLAIN, ""), TurnListener.NONE);
    assertEquals("A:你好|B:[gMASK]", model.prompts.get(0));
    assertEquals("好呀，一起去吧", r.reply());
    assertTrue(r.grounding().knowledge().isEmpty());
  }

  @Test
  void knowledgeSitsBeforeTheUtteranceItGroundsAndBackgroundIsThePrefix() {
    List<Exchange> history = List.of(new Exchange(0, "我喜欢滑雪", "滑雪很酷"), new Exchange(1, "你喝茶吗", "我喝绿茶"));
    pipeline(Doubles.knowledge(SKI, TEA, SKI_DESC)).run(request(history, "滑雪难不难", WITH_BACKGROUND, ""), TurnListener.NONE);
    assertEquals("我是小呆，一个爱聊天的机器人。|滑雪：借助滑雪板在雪地上滑行的运动。"
        + "|A:我喜欢滑雪|B:滑雪很酷|Q:绿茶怎么泡？ A:用八十度的水泡绿茶。|A:你喝茶吗|B:我喝绿茶"
        + "|Q:什么是滑雪？ A:滑雪是一项冬季运动。|A:滑雪难不难|B:[gMASK]", model.prompts.get(0));
  }

  @Test
  void groundingNamesEveryInjectedItemWithPositionSourceAndTimings() {
    List<Exchange> history = List.of(new Exchange(0, "你喝茶吗", "我喝绿茶"));
    TurnResult r = pipeline(Doubles.knowledge(SKI, TEA, SKI_DESC)).run(request(history, "滑雪难不难", WITH_BACKGROUND, ""), TurnListener.NONE);
    Grounding g = r.grounding();
    assertEquals(List.of("history:0", "query"), g.knowledge().stream().map(Grounding.Injected::position).toList());
    assertEquals(List.of("qa:tea", "qa:ski"), g.knowledge().stream().map(i -> i.item().id()).toList());
    assertEquals(List.of(SKI), g.queryKnowledge());
    assertEquals("d:ski", g.background().get(1).knowledgeId());
    assertEquals("xd", g.persona());
    for (String step : List.of("history", "knowledge", "background", "condition", "render", "generate", "postprocess", "total")) {
      assertTrue(g.timingsMs().containsKey(step), step);
    }
    assertEquals(1, g.history().size());
  }

  @Test
  void theObserverIsToldOfEveryStepInOrderAndTheGroundingSumsThem() {
    List<StepObserver.Step> seen = new java.util.ArrayList<>();
    long[] turn = new long[2];
    List<Exchange> history = List.of(new Exchange(0, "你喝茶吗", "我喝绿茶"));
    TurnResult r = pipeline(Doubles.knowledge(SKI, TEA, SKI_DESC), HistorySelector.Settings.defaults(),
        (start, end, steps) -> {
          turn[0] = start;
          turn[1] = end;
          seen.addAll(steps);
        }).run(request(history, "滑雪难不难", WITH_BACKGROUND, ""), TurnListener.NONE);
    assertEquals(List.of("knowledge", "history", "knowledge", "background", "condition", "render", "answer", "generate", "postprocess"),
        seen.stream().map(StepObserver.Step::name).toList());
    for (int i = 0; i < seen.size(); i++) {
      assertTrue(seen.get(i).endNanos() >= seen.get(i).startNanos(), seen.get(i).toString());
      if (i > 0) assertTrue(seen.get(i).startNanos() >= seen.get(i - 1).endNanos(), "steps do not overlap: " + seen);
    }
    assertTrue(turn[0] <= seen.get(0).startNanos() && turn[1] >= seen.get(seen.size() - 1).endNanos(), "the turn holds its steps");
    Map<String, Double> timings = r.grounding().timingsMs();
    for (String step : List.of("knowledge", "history", "generate")) {
      double sum = seen.stream().filter(s -> s.name().equals(step)).mapToDouble(s -> (s.endNanos() - s.startNanos()) / 1e6).sum();
      assertEquals(sum, timings.get(step), 1e-9, step);
    }
    assertTrue(timings.get("total") >= timings.get("generate"));
  }

  @Test
  void emotionPutsItsPostResponseAfterAMaskBlank() {
    pipeline(KnowledgeSource.NONE).run(request(List.of(), "你打得真烂", PLAIN, "angry"), TurnListener.NONE);
    assertEquals("A:你打得真烂|B:[MASK]|A:你不能好好说话吗，怎么突然生气了", model.prompts.get(0));
  }

  @Test
  void personaExamplesAreUsedWhenNoEmotionIsAsked() {
    Persona monkey = new Persona("wukong", "悟空", "俺是齐天大圣。", "", List.of(
        new PostResponse(List.of(Utterance.user("大圣的金箍棒有多重？"), Utterance.bot("俺老孙的棒子一万三千五百斤！"))),
        new PostResponse(List.of(Utterance.user("大圣你饿不饿"), Utterance.bot("俺老孙要吃桃子！")))), "", "", List.of(), null);
    pipeline(KnowledgeSource.NONE).run(request(List.of(), "你饿吗", monkey, ""), TurnListener.NONE);
    assertEquals("俺是齐天大圣。|A:你饿吗|B:[MASK]|A:大圣你饿不饿|B:俺老孙要吃桃子！", model.prompts.get(0));
  }

  @Test
  void ablationsRemoveTheirStep() {
    List<Exchange> history = List.of(new Exchange(0, "你喝茶吗", "我喝绿茶"));
    TurnRequest r = new TurnRequest(history, "滑雪难不难", WITH_BACKGROUND, "angry",
        Switches.all().withKnowledgeInjection(false).withBackground(false).withPersona(false), null, null, new CachingEmbedder(embedder, 10), 0);
    pipeline(Doubles.knowledge(SKI, TEA, SKI_DESC)).run(r, TurnListener.NONE);
    assertEquals("A:你喝茶吗|B:我喝绿茶|A:滑雪难不难|B:[gMASK]", model.prompts.get(0));
  }

  @Test
  void givenKnowledgeReplacesRetrieval() {
    KnowledgeItem gold = KnowledgeItem.qa("gold", "故宫的门票是多少？", "60元", "kdconv", "", 1);
    TurnRequest r = new TurnRequest(List.of(), "故宫门票贵吗", PLAIN, "", Switches.all(), null, List.of(gold), new CachingEmbedder(embedder, 10), 0);
    pipeline(Doubles.knowledge(SKI)).run(r, TurnListener.NONE);
    assertEquals("Q:故宫的门票是多少？ A:60元|A:故宫门票贵吗|B:[gMASK]", model.prompts.get(0));
  }

  @Test
  void thePromptStaysWithinTheLengthTheModelWasTrainedOn() {
    List<Exchange> history = List.of(new Exchange(0, "我们聊聊滑雪吧".repeat(3), "好啊，你想聊什么".repeat(3)),
        new Exchange(1, "你会滑雪吗".repeat(3), "会一点".repeat(3)));
    model.maxPromptTokens = 40; // far below contextLength - maxNewTokens
    TurnResult r = pipeline(KnowledgeSource.NONE).run(request(history, "滑雪难不难", PLAIN, ""), TurnListener.NONE);
    assertTrue(r.prompt().tokens() <= 40, r.prompt().text());
    assertTrue(r.prompt().text().endsWith("A:滑雪难不难|B:[gMASK]"), r.prompt().text());
    assertFalse(r.prompt().dropped().isEmpty());
  }

  @Test
  void aTurnMayAskForTheOtherHistoryOrder() {
    List<Exchange> history = List.of(new Exchange(0, "滑雪场在哪里", "在北山"), new Exchange(1, "今天好冷", "多穿点"), new Exchange(2, "你吃饭了吗", "吃了"));
    HistorySelector.Settings dialogueOrder = new HistorySelector.Settings(1.0, 12, 500, 0, HistoryOrder.DIALOGUE);
    TurnRequest r = new TurnRequest(history, "滑雪场远吗", PLAIN, "", Switches.all().withHistoryOrder(HistoryOrder.RELEVANCE), null, null,
        new CachingEmbedder(embedder, 100), 0);
    pipeline(KnowledgeSource.NONE, dialogueOrder).run(r, TurnListener.NONE);
    assertTrue(model.prompts.get(0).endsWith("A:滑雪场在哪里|B:在北山|A:滑雪场远吗|B:[gMASK]"), model.prompts.get(0));
    pipeline(KnowledgeSource.NONE, dialogueOrder).run(request(history, "滑雪场远吗", PLAIN, ""), TurnListener.NONE);
    assertTrue(model.prompts.get(1).startsWith("A:滑雪场在哪里|B:在北山|A:今天好冷"), model.prompts.get(1));
  }

  @Test
  void relevanceOrderPutsTheMostRelevantExchangeNextToTheQuery() {
    List<Exchange> history = List.of(new Exchange(0, "滑雪场在哪里", "在北山"), new Exchange(1, "今天好冷", "多穿点"), new Exchange(2, "你吃饭了吗", "吃了"));
    HistorySelector.Settings s = new HistorySelector.Settings(1.0, 12, 500, 0, HistoryOrder.RELEVANCE);
    pipeline(KnowledgeSource.NONE, s).run(request(history, "滑雪场远吗", PLAIN, ""), TurnListener.NONE);
    String p = model.prompts.get(0);
    assertTrue(p.endsWith("A:滑雪场在哪里|B:在北山|A:滑雪场远吗|B:[gMASK]"), p);
  }

  @Test
  void defectiveRepliesAreRegeneratedWithSamplingAndReplacedWhenAllFail() {
    model.fills.clear();
    model.fills.addAll(List.of("", "哈哈哈哈哈哈哈哈", "好的好的好的好的好的"));
    List<String> restarts = new ArrayList<>();
    TurnListener listener = new TurnListener() {
      @Override public void onToken(String piece) {}
      @Override public void onRestart(String reason) { restarts.add(reason); }
    };
    TurnResult r = pipeline(KnowledgeSource.NONE).run(request(List.of(), "你好", PLAIN, ""), listener);
    assertEquals(TurnPipeline.Settings.standard().fallbackReply(), r.reply());
    assertEquals(3, model.prompts.size());
    assertEquals(3, restarts.size(), "two regenerations, then the fallback replaces what was streamed");
    assertTrue(model.options.get(1).seed() != model.options.get(0).seed());
    assertTrue(r.grounding().notes().get(r.grounding().notes().size() - 1).contains("fallback"));
  }

  @Test
  void unsupportedNumbersAreRegenerated() {
    model.fills.clear();
    model.fills.addAll(List.of("门票要80元", "门票60元"));
    KnowledgeItem gold = KnowledgeItem.qa("gold", "故宫的门票是多少？", "60元", "kdconv", "", 1);
    TurnRequest r = new TurnRequest(List.of(), "故宫门票贵吗", PLAIN, "", Switches.all().withAnswering(Answering.FREE), null,
        List.of(gold), new CachingEmbedder(embedder, 10), 0);
    TurnResult result = pipeline(KnowledgeSource.NONE).run(r, TurnListener.NONE);
    assertEquals("门票60元", result.reply());
    assertEquals(ReplyMode.GENERATED, result.grounding().mode());
    assertTrue(result.grounding().unsupportedNumbers().isEmpty());
  }

  @Test
  void aReplyWithAnInventedNumberIsNeverSaid() {
    model.fills.clear();
    model.fills.add("门票要80元");
    KnowledgeItem gold = KnowledgeItem.qa("gold", "故宫的门票是多少？", "60元", "kdconv", "", 1);
    List<String> streamed = new ArrayList<>();
    TurnListener listener = new TurnListener() {
      @Override public void onToken(String piece) { streamed.add(piece); }
      @Override public void onRestart(String reason) { streamed.clear(); }
    };
    TurnRequest r = new TurnRequest(List.of(), "故宫门票贵吗", PLAIN, "", Switches.all().withAnswering(Answering.FREE), null,
        List.of(gold), new CachingEmbedder(embedder, 10), 0);
    TurnResult result = pipeline(KnowledgeSource.NONE).run(r, listener);
    assertEquals(TurnPipeline.Settings.standard().unknownReply(), result.reply());
    assertEquals(String.join("", streamed), result.reply());
    assertEquals(ReplyMode.UNKNOWN, result.grounding().mode());
    assertEquals(3, model.prompts.size());
  }

  static final KnowledgeItem TICKET = KnowledgeItem.qa("gold", "故宫的门票多少钱？", "旺季60元，淡季40元", "kdconv", "", 1)
      .withFact(new KnowledgeItem.Fact("故宫", "门票"));

  @Test
  void givenKnowledgeIsQuotedVerbatimInAFrame() {
    model.fills.clear();
    model.fills.add("我觉得挺好的");
    StringBuilder streamed = new StringBuilder();
    TurnRequest r = new TurnRequest(List.of(), "故宫门票贵吗", PLAIN, "", Switches.all(), null, List.of(TICKET),
        new CachingEmbedder(embedder, 10), 0);
    TurnResult result = pipeline(KnowledgeSource.NONE).run(r, streamed::append);
    assertTrue(result.reply().contains("旺季60元，淡季40元"), result.reply());
    assertEquals(result.reply(), streamed.toString());
    assertEquals(ReplyMode.QUOTED, result.grounding().mode());
    assertEquals(List.of("gold"), result.grounding().quoted().stream().map(Grounding.Quoted::id).toList());
    assertEquals(1.0, result.grounding().quoted().get(0).confidence());
  }

  @Test
  void theModelsOwnReplyIsSaidWhenItQuotesAndIsLikelierThanTheFrames() {
    model.fills.clear();
    model.fills.add("故宫门票旺季60元，淡季40元哦");
    model.preferred = "故宫门票旺季60元，淡季40元哦";
    TurnRequest r = new TurnRequest(List.of(), "故宫门票贵吗", PLAIN, "", Switches.all(), null, List.of(TICKET),
        new CachingEmbedder(embedder, 10), 0);
    TurnResult result = pipeline(KnowledgeSource.NONE).run(r, TurnListener.NONE);
    assertEquals("故宫门票旺季60元，淡季40元哦", result.reply());
    assertEquals(ReplyMode.QUOTED, result.grounding().mode());
  }

  static final Persona DESK = new Persona("desk", "前台", "", "", List.of(), "", "", List.of(), null, Answering.QUOTE, "这个我查不到。");

  @Test
  void aQuotingPersonaSaysItDoesNotKnowWhenNothingAnswersAQuestion() {
    TurnResult r = pipeline(KnowledgeSource.NONE).run(request(List.of(), "停车费多少钱？", DESK, ""), TurnListener.NONE);
    assertEquals("这个我查不到。", r.reply());
    assertEquals(ReplyMode.UNKNOWN, r.grounding().mode());
    assertTrue(model.prompts.isEmpty(), "nothing is generated");
    TurnResult chat = pipeline(KnowledgeSource.NONE).run(request(List.of(), "好的，谢谢你", DESK, ""), TurnListener.NONE);
    assertEquals(ReplyMode.GENERATED, chat.grounding().mode());
  }

  @Test
  void deadlineWithoutUsableTextGivesTheTimeoutReply() {
    model.fills.clear();
    model.fills.add("");
    model.reason = Generation.FinishReason.DEADLINE;
    TurnResult r = pipeline(KnowledgeSource.NONE).run(request(List.of(), "你好", PLAIN, ""), TurnListener.NONE);
    assertEquals(TurnPipeline.Settings.standard().timeoutReply(), r.reply());
    assertEquals("DEADLINE", r.grounding().finishReason());
  }

  @Test
  void promptFitsTheModelContextDroppingOldHistory() {
    model.contextLength = 80;
    List<Exchange> history = new ArrayList<>();
    for (int i = 0; i < 10; i++) history.add(new Exchange(i, "第" + i + "句话说了些什么呢", "回答" + i));
    TurnResult r = pipeline(KnowledgeSource.NONE, new HistorySelector.Settings(0.9, 12, 10_000, 1, HistoryOrder.DIALOGUE))
        .run(request(history, "最后一个问题", PLAIN, ""), TurnListener.NONE);
    assertTrue(r.prompt().tokens() <= 80 - 32 - 2, r.prompt().text());
    assertTrue(r.prompt().text().endsWith("A:最后一个问题|B:[gMASK]"));
    assertFalse(r.prompt().dropped().isEmpty());
    assertTrue(r.prompt().text().contains("第9句"), "the most recent exchange is the most relevant under decay");
  }
}
