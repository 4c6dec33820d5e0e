package dev.xdai.generation.embedded;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xdai.generation.Generation;
import dev.xdai.generation.GenerationOptions;
import dev.xdai.generation.ModelUnavailableException;
import dev.xdai.generation.Score;
import dev.xdai.generation.decode.CopyBias;
import dev.xdai.generation.decode.Logits;
import dev.xdai.generation.decode.TokenSampler;
import dev.xdai.prompting.BackgroundPiece;
import dev.xdai.prompting.ContextEntry;
import dev.xdai.prompting.Exchange;
import dev.xdai.prompting.GlmPromptRenderer;
import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.prompting.PostResponse;
import dev.xdai.prompting.PromptSpec;
import dev.xdai.prompting.RenderedPrompt;
import dev.xdai.prompting.Utterance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded model against the trainer's reference and against itself. Skipped when the model is absent. */
class EmbeddedGlmTest {

  /** Java (ONNX Runtime) against PyTorch float32 logits, absolute. */
  static final double PARITY_TOLERANCE = 1e-3;

  static EmbeddedGlm glm;
  static JsonNode reference;

  // Per test rather than per class, so that each test reports itself skipped, with the reason, when there is no model.
  @BeforeEach
  void load() throws Exception {
    glm = ModelFixture.model();
    if (reference == null) reference = new ObjectMapper().readTree(ModelFixture.dir().resolve("reference.json").toFile());
  }

  static RenderedPrompt prompt(String query, PostResponse post) {
    return new GlmPromptRenderer(glm.info().tokenCounter())
        .render(new PromptSpec(List.of(), List.of(), List.of(), query, post), 200);
  }

  /** Greedy, no penalties, no stop strings: the model's own arg-max path. */
  static GenerationOptions plainGreedy(int tokens) {
    return new GenerationOptions(tokens, 0, 1, 1.0, 1.0, 0, List.of(), Duration.ofMinutes(1), 0, 0);
  }

  static GenerationOptions sampling(long seed) {
    return new GenerationOptions(16, 1.0, 40, 1.0, 1.0, 0, List.of(), Duration.ofMinutes(1), seed, 0);
  }

  // ------------------------------------------------------------------ tokenizer

  @Test
  void textRoundTripsThroughIds() {
    GlmTokenizer t = glm.tokenizer();
    String text = "Q:恋恋笔记本的导演是什么？ A:尼克|A:你好，hello 123!|B:";
    int[] ids = t.encode(text);
    assertEquals(text.codePointCount(0, text.length()), ids.length); // one token per character, no BOS/EOS
    assertEquals(text, t.vocabulary().text(ids));
  }

  @Test
  void specialTokensAreSingleIds() {
    GlmTokenizer t = glm.tokenizer();
    for (String s : GlmConfig.REQUIRED_SPECIALS) {
      assertArrayEquals(new int[] {glm.config().special(s)}, t.encode(s), s);
    }
    int[] ids = t.encode("A:[MASK]|B:好");
    assertEquals(7, ids.length);
    assertEquals(glm.config().special("[MASK]"), ids[2]);
  }

  @Test
  void unknownCharactersBecomeUnk() {
    int[] ids = glm.tokenizer().encode("好\uD834\uDD1E好"); // U+1D11E MUSICAL SYMBOL G CLEF: in no chat corpus
    assertEquals(3, ids.length);
    assertEquals(glm.config().unk(), ids[1]);
  }

  @Test
  void longTextIsNotTruncated() {
    assertEquals(3000, glm.tokenizer().encode("好".repeat(3000)).length);
  }

  // ------------------------------------------------------------------ runtime parity

  @Test
  void runtimeReproducesTheReferenceLogits() {
    ReferenceReplay.replay(glm, reference, (what, step, out) -> {
      assertClose(step.path("last_logits"), out.lastRow(), what + " last row");
      JsonNode top = step.path("top10_per_position");
      for (int r = 0; r < top.size(); r++) {
        JsonNode ids = top.get(r).path("ids");
        for (int k = 0; k < ids.size(); k++) {
          assertEquals(top.get(r).path("logits").get(k).asDouble(), out.logits()[r][ids.get(k).asInt()], PARITY_TOLERANCE,
              what + " row " + r);
        }
      }
    });
  }

  @Test
  void aBegunFillIsContinuedAsTheModelWouldHaveContinuedItsOwn() {
    RenderedPrompt p = prompt("你喜欢看电影吗？", PostResponse.none());
    String full = glm.infill(p, plainGreedy(12), x -> {}).text();
    assertTrue(full.codePointCount(0, full.length()) >= 4, full);
    int cut = full.offsetByCodePoints(0, 3);
    // Greedy decoding after the model's own first three characters, fed as fixed, goes on exactly as it did.
    String rest = glm.infillAfter(p, full.substring(0, cut), plainGreedy(12 - 3), x -> {}).text();
    assertEquals(full.substring(cut), rest);
    // A beginning the model would not have chosen changes what follows it: the begun text is really read.
    String other = glm.infillAfter(p, "门票是60元。", plainGreedy(9), x -> {}).text();
    assertNotEquals(full.substring(cut), other);
  }

  @Test
  void greedyDecodingFollowsTheReferencePathAndIsStable() {
    for (JsonNode c : reference.path("cases")) {
      int[] expected = ints(c.path("greedy_ids"));
      String want = glm.tokenizer().vocabulary().text(expected);
      // The session's own GLM layout (positions, blocks, cache) must lead to the same arg-max path as PyTorch's.
      try (GlmSession s = glm.open(c.path("prompt").asText(), false)) {
        int token = TokenSampler.argmax(s.start());
        List<Integer> path = new ArrayList<>(List.of(token));
        while (path.size() < expected.length) path.add(token = TokenSampler.argmax(s.next(token)));
        assertArrayEquals(expected, path.stream().mapToInt(Integer::intValue).toArray(), c.path("name").asText());
      }
      RenderedPrompt p = new RenderedPrompt(c.path("prompt").asText(), prompt("x", PostResponse.none()).kept(), List.of(), 0, false);
      String a = glm.infill(p, plainGreedy(12), piece -> {}).text();
      String b = glm.infill(p, plainGreedy(12), piece -> {}).text();
      assertEquals(a, b);
      if (!want.contains("[")) assertTrue(a.startsWith(want) || want.startsWith(a), a + " vs " + want);
    }
  }

  @Test
  void cachedStepsGiveTheLogitsOfOneFullPass() throws Exception {
    String text = "A:你知道恋恋笔记本这部电影吗？|B:[gMASK]";
    int[] a = glm.tokenizer().encode(text);
    int blank = a.length - 1;
    List<float[]> stepped = new ArrayList<>();
    List<Integer> fill = new ArrayList<>();
    try (GlmSession s = glm.open(text, false)) {
      float[] l = s.start();
      for (int i = 0; i < 5; i++) {
        stepped.add(l);
        int t = TokenSampler.argmax(l);
        fill.add(t);
        l = s.next(t);
      }
    }
    // One call over part A, [sop] and the first four fill tokens, from an empty cache.
    int n = a.length + 5;
    long[] ids = new long[n];
    long[] pos = new long[n];
    long[] block = new long[n];
    for (int i = 0; i < a.length; i++) { ids[i] = a[i]; pos[i] = i; }
    ids[a.length] = glm.config().sop();
    for (int i = 0; i < 4; i++) ids[a.length + 1 + i] = fill.get(i);
    for (int i = a.length; i < n; i++) { pos[i] = blank; block[i] = i - a.length + 1; }
    try (NDManager manager = glm.newManager(); Predictor<GlmStep, GlmStepOutput> p = glm.newPredictor()) {
      GlmStepOutput full = p.predict(new GlmStep(ids, pos, block, a.length, KvCache.empty(), true, manager));
      for (int i = 0; i < 5; i++) {
        float[] row = full.logits()[a.length + i];
        for (int v = 0; v < row.length; v++) assertEquals(row[v], stepped.get(i)[v], PARITY_TOLERANCE, "fill step " + i);
      }
    }
  }

  // ------------------------------------------------------------------ decoding

  @Test
  void sameSeedSameFillAndSeedsDiffer() {
    RenderedPrompt p = prompt("你好，最近怎么样？", PostResponse.none());
    assertEquals(glm.infill(p, sampling(7), x -> {}).text(), glm.infill(p, sampling(7), x -> {}).text());
    Set<String> fills = new HashSet<>();
    for (long seed = 1; seed <= 6; seed++) fills.add(glm.infill(p, sampling(seed), x -> {}).text());
    assertTrue(fills.size() > 1, "six seeds gave one fill: " + fills);
  }

  @Test
  void streamedPiecesConcatenateToTheFill() {
    RenderedPrompt p = prompt("你好，最近怎么样？", new PostResponse(List.of(Utterance.user("你不能好好说话吗"))));
    StringBuilder streamed = new StringBuilder();
    Generation g = glm.infill(p, GenerationOptions.defaults().withSeed(3).withDeadline(Duration.ofMinutes(1)), streamed::append);
    assertEquals(g.text(), streamed.toString());
    assertFalse(g.text().contains("|"));
    assertTrue(g.tokens() <= 32);
  }

  @Test
  void stopStringCutsTheFillWhereItFirstAppears() {
    // A stop string changes neither logits nor draws before the cut, so the same seed must give the cut prefix.
    RenderedPrompt p = prompt("你喜欢看电影吗？", PostResponse.none());
    String full = "";
    long seed = 0;
    while (full.codePointCount(0, full.length()) < 2 && seed < 20) full = glm.infill(p, sampling(++seed), x -> {}).text();
    assumeTrue(full.codePointCount(0, full.length()) >= 2, "no fill long enough to cut in 20 seeds");
    String stop = full.substring(full.offsetByCodePoints(0, 1), full.offsetByCodePoints(0, 2));
    GenerationOptions o = new GenerationOptions(16, 1.0, 40, 1.0, 1.0, 0, List.of(stop), Duration.ofMinutes(1), seed, 0);
    StringBuilder streamed = new StringBuilder();
    Generation g = glm.infill(p, o, streamed::append);
    assertEquals(full.substring(0, full.indexOf(stop)), g.text());
    assertEquals(Generation.FinishReason.STOP, g.finishReason());
    assertEquals(g.text(), streamed.toString());
  }

  @Test
  void passedDeadlineReturnsWhatItHas() {
    Generation g = glm.infill(prompt("你好", PostResponse.none()), plainGreedy(12).withDeadline(Duration.ZERO), x -> {});
    assertEquals(Generation.FinishReason.DEADLINE, g.finishReason());
    assertEquals("", g.text());
  }

  @Test
  void scoreIsTheSumOfTheStepLogProbabilities() {
    String text = prompt("你喜欢看电影吗？", PostResponse.none()).text();
    String fill = glm.infill(prompt("你喜欢看电影吗？", PostResponse.none()), sampling(5).withMaxNewTokens(8), x -> {}).text();
    assertFalse(fill.isEmpty());
    int[] tokens = glm.tokenizer().encode(fill);
    double stepped = 0;
    try (GlmSession s = glm.open(text, false)) {
      float[] l = s.start();
      for (int i = 0; i < tokens.length; i++) {
        stepped += Logits.logProb(l, tokens[i]);
        if (i + 1 < tokens.length) l = s.next(tokens[i]);
      }
    }
    List<Score> scores = glm.score(text, List.of(fill, "", fill));
    assertEquals(stepped, scores.get(0).logProb(), 1e-3);
    assertEquals(tokens.length, scores.get(0).tokens());
    assertEquals(0, scores.get(1).logProb());
    assertEquals(scores.get(0).logProb(), scores.get(2).logProb(), 1e-6); // the prompt cache is reused unchanged
  }

  @Test
  void promptsWithoutABlankOrTooLongAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> glm.score("A:你好|B:", List.of("好")));
    String tooLong = "好".repeat(glm.config().maxPositions()) + "[gMASK]";
    var e = assertThrows(IllegalArgumentException.class, () -> glm.score(tooLong, List.of("好")));
    assertTrue(e.getMessage().contains("smaller budget"), e.getMessage());
  }

  @Test
  void fillStopsAtTheContextEnd() {
    int room = 6;
    String text = "好".repeat(glm.config().maxPositions() - room - 3) + "|B:[gMASK]"; // prompt = max - room
    RenderedPrompt p = new RenderedPrompt(text, prompt("x", PostResponse.none()).kept(), List.of(), 0, false);
    GenerationOptions o = new GenerationOptions(100, 1.0, 0, 1.0, 1.0, 0, List.of(), Duration.ofMinutes(1), 1, 0);
    Generation g = glm.infill(p, o, x -> {});
    assertTrue(g.tokens() <= room, g.toString()); // [sop] + fill fit the positions
  }

  @Test
  void busyModelRefusesAfterTheQueueWait() throws Exception {
    try (EmbeddedGlm one = EmbeddedGlm.load(EmbeddedGlmConfig.of(ModelFixture.dir()).withThreads(1, 1)
        .withPermits(1, Duration.ofMillis(50)))) {
      CountDownLatch streaming = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      RenderedPrompt p = prompt("你好", PostResponse.none());
      CompletableFuture<Generation> first = CompletableFuture.supplyAsync(() -> one.infill(p, sampling(1).withMaxNewTokens(4), piece -> {
        streaming.countDown();
        try { release.await(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
      }));
      // The first request holds the only slot while its listener waits: the model answered at least one piece.
      if (!streaming.await(60, TimeUnit.SECONDS)) {
        release.countDown();
        first.get();
        return; // a fill with no visible piece never blocks; nothing to test with this model
      }
      var e = assertThrows(ModelUnavailableException.class, () -> one.infill(p, sampling(2), x -> {}));
      assertTrue(e.getMessage().startsWith("model busy"), e.getMessage());
      release.countDown();
      assertNotNull(first.get(60, TimeUnit.SECONDS));
      assertNotNull(one.infill(p, sampling(3), x -> {})); // the slot is free again
    }
  }

  // The copy bias quotes what grounds this reply (the utterance's knowledge, the background's descriptions), not what
  // grounded earlier ones nor the persona's self-description; options without it get none.
  @Test
  void copyBiasContinuesTheTurnsKnowledgeAndBackgroundButNotTheHistorys() {
    String answer = "010-69122591";
    String background = "八达岭野生动物世界位于延庆区";
    String earlier = "森林公园的门票是九十元";
    String persona = "我叫小呆，喜欢聊天";
    PromptSpec spec = new PromptSpec(List.of(BackgroundPiece.persona(persona),
        new BackgroundPiece("八达岭野生动物世界：" + background, "bg")),
        List.of(new ContextEntry(new Exchange(0, "门票多少钱？", "九十元"), 1.0,
            List.of(KnowledgeItem.qa("h", "门票是什么？", earlier, "", "", 1)))),
        List.of(KnowledgeItem.qa("k", "八达岭野生动物世界的电话是什么？", answer, "", "", 1)), "电话呢？", PostResponse.none());
    RenderedPrompt p = new GlmPromptRenderer(glm.info().tokenCounter()).render(spec, 300);
    assertEquals(CopyBias.NONE, glm.copyBias(p, 0));
    CopyBias bias = glm.copyBias(p, 1);
    assertTrue(continues(bias, answer), "the utterance's knowledge is quoted on");
    assertTrue(continues(bias, background), "the background is quoted on");
    assertFalse(continues(bias, earlier), "history knowledge is not");
    assertFalse(continues(bias, persona), "the persona's self-description is not");
  }

  // Whether the bias boosts the third token of text after its first two were generated.
  static boolean continues(CopyBias bias, String text) {
    int[] ids = glm.tokenizer().encode(text);
    float[] logits = new float[glm.config().vocabSize()];
    bias.apply(logits, List.of(ids[0], ids[1]));
    return logits[ids[2]] > 0;
  }

  // ------------------------------------------------------------------ helpers

  static void assertClose(JsonNode expected, float[] actual, String what) {
    double worst = maxAbsDiff(expected, actual, what);
    assertTrue(worst <= PARITY_TOLERANCE, what + ": max abs diff " + worst);
  }

  /** The largest absolute difference between a reference row and the runtime's, which must be as long. */
  static double maxAbsDiff(JsonNode expected, float[] actual, String what) {
    assertEquals(expected.size(), actual.length, what);
    double worst = 0;
    for (int i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(expected.get(i).asDouble() - actual[i]));
    return worst;
  }

  static float[] floats(JsonNode a) {
    float[] out = new float[a.size()];
    for (int i = 0; i < out.length; i++) out[i] = (float) a.get(i).asDouble();
    return out;
  }

  static int[] ints(JsonNode a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) out[i] = a.get(i).asInt();
    return out;
  }

  static long[] longs(JsonNode a) {
    long[] out = new long[a.size()];
    for (int i = 0; i < out.length; i++) out[i] = a.get(i).asLong();
    return out;
  }

  static int[] append(int[] a, int x) {
    int[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = x;
    return out;
  }
}
