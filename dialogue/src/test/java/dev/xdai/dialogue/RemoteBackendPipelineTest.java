package dev.xdai.dialogue;

import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.dialogue.answer.AnswerConfidence;
import dev.xdai.dialogue.answer.Answerer;
import dev.xdai.generation.LanguageModel;
import dev.xdai.generation.inverse.InversePromptingConfig;
import dev.xdai.dialogue.rank.ReplyFeatures;
import dev.xdai.dialogue.rank.ReplyRank;
import dev.xdai.generation.inverse.InversePromptingReranker;
import dev.xdai.generation.remote.CircuitBreaker;
import dev.xdai.generation.remote.FakeOpenAiServer;
import dev.xdai.generation.remote.OpenAiCompatibleModel;
import dev.xdai.generation.remote.OpenAiEngineDouble;
import dev.xdai.generation.remote.OpenAiEngineDouble.Flavour;
import dev.xdai.generation.remote.RemoteBackendConfig;
import dev.xdai.prompting.TokenCounter;
import dev.xdai.retrieval.bank.ResponseBank;
import dev.xdai.retrieval.embed.CachingEmbedder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole turn pipeline and the dialogue service on the remote backend, against a real HTTP server that answers as
 * vLLM and SGLang do (streaming, echo with logprobs, 429/503 with Retry-After): what a deployment with a GLM behind an
 * inference engine does turn by turn, including the circuit breaker opening and closing.
 */
class RemoteBackendPipelineTest {

  static final String MODEL = "glm-4-9b";
  static final String KEY = "engine-key";
  static final String OWN = "嗯嗯，旺季60元，淡季40元呢";

  final List<FakeOpenAiServer> servers = new ArrayList<>();
  final InMemorySessionStore store = new InMemorySessionStore();

  @AfterEach
  void stop() {
    servers.forEach(FakeOpenAiServer::close);
  }

  OpenAiEngineDouble engine(Flavour flavour) {
    return new OpenAiEngineDouble(MODEL, KEY, flavour);
  }

  /** The service's remote model on {@code engine}: 3 retries at most 2 s apart, the breaker after 2 failed calls for 400 ms. */
  OpenAiCompatibleModel model(OpenAiEngineDouble engine, RemoteBackendConfig.Mode mode, UnaryOperator<RemoteBackendConfig> tweak)
      throws Exception {
    FakeOpenAiServer server = new FakeOpenAiServer(engine);
    servers.add(server);
    return new OpenAiCompatibleModel(tweak.apply(RemoteBackendConfig.of(server.baseUrl(), MODEL, mode).withApiKey(KEY)
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3)).withRetries(3, Duration.ofMillis(10), Duration.ofSeconds(2))
        .withBreaker(2, Duration.ofMillis(400)).withSamplingExtensions(true)));
  }

  OpenAiCompatibleModel model(OpenAiEngineDouble engine) throws Exception {
    return model(engine, RemoteBackendConfig.Mode.COMPLETIONS, c -> c);
  }

  /** The service's pipeline as the app wires it: knowledge, answers, the response bank ranked by the model. */
  static TurnPipeline pipeline(LanguageModel model) {
    InversePromptingReranker reranker = new InversePromptingReranker(model, InversePromptingConfig.defaults());
    ResponseBankReplies bank = new ResponseBankReplies(
        (utterance, limit) -> List.of(new ResponseBank.Hit("b1", "chitchat", "你喜欢看电影吗", "喜欢啊，周末常去电影院。", "test", 1.0)),
        new ReplyFeatures(reranker, new Doubles.CharEmbedder()).ranker(ReplyRank.shipped()), 4);
    var knowledge = Doubles.knowledge(TurnPipelineTest.TICKET);
    return new TurnPipeline(new HistorySelector(HistorySelector.Settings.defaults(), TokenCounter.CODE_POINTS),
        new KnowledgeInjector(knowledge, KnowledgeInjector.Settings.defaults()),
        new BackgroundComposer(knowledge, BackgroundComposer.Settings.defaults()),
        new ConditionComposer(Doubles.catalog(List.of(TurnPipelineTest.PLAIN), List.of())), model, reranker::generate,
        new PostProcessor(60), new FaithfulnessGuard(), new Answerer(AnswerConfidence.shipped(), LARGE_MODEL_ANSWERS),
        bank, TurnPipeline.Settings.standard());
  }

  DialogueService service(LanguageModel model) {
    return new DialogueService(pipeline(model), store, Doubles.catalog(List.of(TurnPipelineTest.PLAIN), List.of()),
        new CachingEmbedder(new Doubles.CharEmbedder(), 1000), DialogueService.Limits.defaults());
  }

  static final Switches NO_BANK = Switches.all().withResponseBank(false);

  /** A turn as the API runs it: checked first (an open circuit is refused before anything streams), then answered. */
  static DialogueService.TurnOutcome turn(DialogueService s, String session, String text, Switches switches, TurnListener listener) {
    s.check(Access.ANY, session, text, null);
    return s.turn(Access.ANY, session, text, null, switches, listener);
  }

  /** Answer settings for a large GLM (docs/remote-model.md): the model may add a sentence after a quoted answer. */
  static final Answerer.Settings LARGE_MODEL_ANSWERS = new Answerer.Settings(3, 58, 60, 20);

  @Test
  void aReplyStreamsFromTheEnginePieceByPieceAndIsStored() throws Exception {
    OpenAiEngineDouble engine = engine(Flavour.VLLM);
    engine.reply = prompt -> "你好呀，很高兴认识你。|A:再见";
    engine.chunkPauseMillis = 5;
    DialogueService service = service(model(engine));
    String session = service.create(Access.ANY, "plain", "").id();
    List<String> pieces = new CopyOnWriteArrayList<>();
    var outcome = turn(service, session, "你好", NO_BANK, pieces::add);

    assertEquals("你好呀，很高兴认识你。", outcome.turn().reply());
    assertTrue(pieces.size() >= 5, "streamed in pieces: " + pieces);
    assertEquals(outcome.turn().reply(), String.join("", pieces));
    assertEquals(List.of("你好呀，很高兴认识你。"), store.find(session).orElseThrow().turns().stream().map(TurnRecord::reply).toList());
    var request = engine.seen.get(0);
    assertEquals("/v1/completions", request.path());
    assertEquals(200, request.status()); // the model's name and the API key were right
    assertTrue(request.body().path("stream").asBoolean());
    assertEquals("A:你好|B:", request.body().path("prompt").asText()); // a causal GLM continues the text before the blank
    assertTrue(request.body().has("top_k") && request.body().has("repetition_penalty"));

    turn(service, session, "你叫什么名字", NO_BANK, p -> {});
    assertTrue(engine.seen.get(1).body().path("prompt").asText().endsWith("A:你好|B:你好呀，很高兴认识你。|A:你叫什么名字|B:"));
  }

  @Test
  void aChatModelStreamsDeltasAndKeepsItsOwnReplyWhereTheBankWouldNeedScores() throws Exception {
    OpenAiEngineDouble engine = engine(Flavour.VLLM);
    engine.reply = lastMessage -> "我也喜欢看电影。";
    DialogueService service = service(model(engine, RemoteBackendConfig.Mode.CHAT, c -> c));
    String session = service.create(Access.ANY, "plain", "").id();
    List<String> pieces = new ArrayList<>();
    var streamed = turn(service, session, "你看电影吗", NO_BANK, pieces::add);
    assertEquals("我也喜欢看电影。", streamed.turn().reply());
    assertTrue(pieces.size() > 1, pieces.toString());

    // chit-chat with the bank: a chat model cannot score, so ranking falls back to the model's own reply
    var withBank = turn(service, session, "你喜欢看电影吗", Switches.all(), p -> {});
    assertEquals("我也喜欢看电影。", withBank.turn().reply());
    assertEquals(ReplyMode.GENERATED, withBank.result().grounding().mode());
    assertTrue(engine.seen.stream().allMatch(s -> s.path().equals("/v1/chat/completions") && s.status() == 200));
    var messages = engine.seen.get(engine.seen.size() - 1).body().path("messages");
    assertEquals("你喜欢看电影吗", messages.get(messages.size() - 1).path("content").asText());
  }

  /** The knowledge answers; the frames and the model's own wording are scored by the engine, or not, per flavour. */
  TurnResult quotedTurn(OpenAiEngineDouble engine) throws Exception {
    engine.reply = prompt -> prompt.endsWith("B:") ? OWN : ""; // nothing to add after a begun frame
    return quotedTurn(model(engine));
  }

  static TurnResult quotedTurn(LanguageModel model) {
    TurnRequest request = new TurnRequest(List.of(), "故宫门票贵吗", TurnPipelineTest.PLAIN, "", Switches.all(), null,
        List.of(TurnPipelineTest.TICKET), new CachingEmbedder(new Doubles.CharEmbedder(), 10), 0);
    return pipeline(model).run(request, TurnListener.NONE);
  }

  @Test
  void whatTheEngineAddsAfterAQuotedFrameIsKept() throws Exception {
    OpenAiEngineDouble engine = engine(Flavour.VLLM);
    engine.reply = prompt -> prompt.endsWith("B:") ? OWN : "学生半价呢。";
    TurnResult result = quotedTurn(model(engine));
    assertEquals("旺季60元，淡季40元。学生半价呢。", result.reply());
    assertEquals(ReplyMode.QUOTED, result.grounding().mode());
    var begun = engine.seen.get(engine.seen.size() - 1).body();
    assertTrue(begun.path("prompt").asText().endsWith("A:故宫门票贵吗|B:旺季60元，淡季40元。"), begun.toString());
  }

  @Test
  void aChatModelTakesNoBegunFillSoItsQuotedFrameStandsAlone() throws Exception {
    OpenAiEngineDouble engine = engine(Flavour.VLLM);
    engine.reply = lastMessage -> "挺贵的吧。"; // it quotes nothing, so a frame is said
    TurnResult result = quotedTurn(model(engine, RemoteBackendConfig.Mode.CHAT, c -> c));
    assertEquals(ReplyMode.QUOTED, result.grounding().mode());
    assertEquals("门票是旺季60元，淡季40元。", result.reply()); // unscored: the frame that names the attribute
    assertTrue(engine.seen.stream().allMatch(s -> s.path().equals("/v1/chat/completions")), "nothing asked to continue the frame");
  }

  @Test
  void answersAreChosenByTheEnginesPromptLogprobsWithOrWithoutOffsets() throws Exception {
    for (Flavour flavour : List.of(Flavour.VLLM, Flavour.SGLANG)) {
      OpenAiEngineDouble engine = engine(flavour);
      TurnResult result = quotedTurn(engine);
      assertEquals(ReplyMode.QUOTED, result.grounding().mode(), flavour.name());
      // the double's model likes characters it has seen: the bare value (new to it: 。) beats the model's own wording
      // (new to it: 嗯, 呢) per token; without scores the own wording would be said
      assertEquals("旺季60元，淡季40元。", result.reply(), flavour.name());
      var scoring = engine.seen.stream().filter(s -> s.body().path("echo").asBoolean()).toList();
      assertEquals(1, scoring.size(), flavour.name());
      assertEquals(200, scoring.get(0).status());
      assertTrue(scoring.get(0).body().path("prompt").get(0).asText().endsWith("A:故宫门票贵吗|B:"));
    }
  }

  @Test
  void aQuotedAnswerStandsWhenTheEngineFailsToContinueIt() throws Exception {
    OpenAiEngineDouble engine = engine(Flavour.VLLM);
    engine.refuse = body -> !body.path("echo").asBoolean() && !body.path("prompt").asText().endsWith("B:");
    TurnResult result = quotedTurn(engine);
    assertEquals("旺季60元，淡季40元。", result.reply());
    assertEquals(ReplyMode.QUOTED, result.grounding().mode());
    assertFalse(engine.seen.stream().filter(s -> s.status() == 503).toList().isEmpty(), "the continuation was refused");
  }

  @Test
  void withoutPromptLogprobsTheAnswerFallsBackToTheModelsOwnWording() throws Exception {
    OpenAiEngineDouble engine = engine(Flavour.NO_ECHO);
    TurnResult result = quotedTurn(engine);
    assertEquals(ReplyMode.QUOTED, result.grounding().mode());
    assertEquals(OWN, result.reply());
    assertTrue(engine.seen.stream().allMatch(s -> s.status() == 200));
  }

  @Test
  void turnsRetryAfterTheEnginesRetryAfterUnderLoadAndAllComplete() throws Exception {
    OpenAiEngineDouble engine = engine(Flavour.VLLM);
    engine.reply = prompt -> "好的，我明白了。";
    engine.chunkPauseMillis = 40;
    engine.maxConcurrent = 1;
    DialogueService service = service(model(engine));
    List<String> texts = List.of("第一个问题", "第二个问题", "第三个问题");
    ExecutorService pool = Executors.newFixedThreadPool(texts.size());
    try {
      List<Future<DialogueService.TurnOutcome>> turns = new ArrayList<>();
      for (String text : texts) {
        String session = service.create(Access.ANY, "plain", "").id();
        turns.add(pool.submit(() -> turn(service, session, text, NO_BANK, p -> {})));
      }
      for (var t : turns) assertEquals("好的，我明白了。", t.get().turn().reply());
    } finally {
      pool.shutdownNow();
    }
    assertFalse(engine.seen("/v1/completions", 429).isEmpty(), "the engine was over its limit");
    assertEquals(3, engine.seen("/v1/completions", 200).size());
    for (String text : texts) {
      var tries = engine.seen.stream().filter(s -> s.body().path("prompt").asText().contains(text)).toList();
      for (int i = 1; i < tries.size(); i++) {
        long waited = (tries.get(i).atNanos() - tries.get(i - 1).atNanos()) / 1_000_000;
        assertTrue(waited >= 950, text + ": retried after " + waited + " ms, before Retry-After (1 s)");
      }
    }
  }

  @Test
  void aRetryAfterLongerThanAllowedFailsTheTurnAtOnceAndStoresNothing() throws Exception {
    OpenAiEngineDouble engine = engine(Flavour.VLLM);
    DialogueService service = service(model(engine));
    String session = service.create(Access.ANY, "plain", "").id();
    engine.goDown(Duration.ofSeconds(60));
    long start = System.nanoTime();
    var e = assertThrows(DialogueException.class, () -> turn(service, session, "你好", NO_BANK, p -> {}));
    assertEquals(DialogueException.Kind.UNAVAILABLE, e.kind());
    assertTrue(e.getMessage().contains("HTTP 503 (Retry-After 60 s)"), e.getMessage());
    assertEquals(1, engine.seen.size());
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos());
    assertTrue(store.find(session).orElseThrow().turns().isEmpty());
  }

  @Test
  void theBreakerOpensAfterFailedTurnsRefusesAtOnceAndClosesOnAProbeOnceTheEngineRecovers() throws Exception {
    OpenAiEngineDouble engine = engine(Flavour.VLLM);
    OpenAiCompatibleModel model = model(engine, RemoteBackendConfig.Mode.COMPLETIONS,
        c -> c.withRetries(0, Duration.ZERO, Duration.ZERO));
    DialogueService service = service(model);
    String session = service.create(Access.ANY, "plain", "").id();
    engine.goDown(null);
    for (int i = 0; i < 2; i++) {
      var failed = assertThrows(DialogueException.class, () -> turn(service, session, "你好", NO_BANK, p -> {}));
      assertEquals(DialogueException.Kind.UNAVAILABLE, failed.kind());
      assertTrue(failed.getMessage().contains("HTTP 503"), failed.getMessage());
    }
    assertEquals(CircuitBreaker.State.OPEN, model.breakerState());
    int calls = engine.seen.size();

    var refused = assertThrows(DialogueException.class, () -> service.check(Access.ANY, session, "你好", null));
    assertEquals(DialogueException.Kind.UNAVAILABLE, refused.kind());
    assertTrue(refused.getMessage().contains("circuit open"), refused.getMessage());
    var fast = assertThrows(DialogueException.class, () -> service.turn(Access.ANY, session, "你好", null, NO_BANK, p -> {}));
    assertTrue(fast.getMessage().contains("circuit open"), fast.getMessage());
    assertEquals(calls, engine.seen.size(), "an open circuit does not call the engine");

    engine.recover();
    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (model.unavailableReason().isPresent() && System.nanoTime() < until) Thread.sleep(20);
    assertEquals("好的，没问题。", turn(service, session, "你好", NO_BANK, p -> {}).turn().reply()); // the half-open probe
    assertEquals(calls + 1, engine.seen.size());
    assertEquals(CircuitBreaker.State.CLOSED, model.breakerState());
    turn(service, session, "再说一遍", NO_BANK, p -> {});
    assertEquals(List.of("你好", "再说一遍"), store.find(session).orElseThrow().turns().stream().map(TurnRecord::user).toList());
  }
}
