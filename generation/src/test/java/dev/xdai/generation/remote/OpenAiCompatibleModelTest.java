package dev.xdai.generation.remote;

import com.fasterxml.jackson.databind.JsonNode;
import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.generation.Generation;
import dev.xdai.generation.Generation.FinishReason;
import dev.xdai.generation.GenerationOptions;
import dev.xdai.generation.ModelUnavailableException;
import dev.xdai.generation.Score;
import dev.xdai.prompting.GlmPromptRenderer;
import dev.xdai.prompting.PostResponse;
import dev.xdai.prompting.PromptSpec;
import dev.xdai.prompting.RenderedPrompt;
import dev.xdai.prompting.TokenCounter;
import dev.xdai.prompting.Utterance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleModelTest {

  static final RenderedPrompt PROMPT = new GlmPromptRenderer(TokenCounter.CODE_POINTS)
      .render(new PromptSpec(List.of(), List.of(), List.of(), "你好", PostResponse.none()), 500);

  static RemoteBackendConfig config(FakeOpenAiServer server, RemoteBackendConfig.Mode mode) {
    return RemoteBackendConfig.of(server.baseUrl(), "glm-test", mode)
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
        .withRetries(2, Duration.ofMillis(5), Duration.ofMillis(20));
  }

  static GenerationOptions options() {
    return GenerationOptions.defaults().withDeadline(Duration.ofSeconds(10));
  }

  /** A generation and the pieces it streamed on the way. */
  record Streamed(Generation generation, List<String> pieces) {}

  static Streamed infill(OpenAiCompatibleModel model, GenerationOptions options) {
    List<String> pieces = new ArrayList<>();
    return new Streamed(model.infill(PROMPT, options, pieces::add), pieces);
  }

  @Test
  void completionsSendsTheRawPromptAndCutsAtTheSeparator() throws Exception {
    try (var server = new FakeOpenAiServer((ex, req, hit) -> FakeOpenAiServer.json(ex, 200,
        "{\"choices\":[{\"index\":0,\"text\":\"你好呀|A:嗯\",\"finish_reason\":\"stop\"}],\"usage\":{\"completion_tokens\":6}}"))) {
      var model = new OpenAiCompatibleModel(config(server, RemoteBackendConfig.Mode.COMPLETIONS).withStream(false).withApiKey("k1"));
      Streamed r = infill(model, options());
      assertEquals("你好呀", r.generation().text());
      assertEquals(FinishReason.STOP, r.generation().finishReason());
      assertEquals(List.of("你好呀"), r.pieces());
      assertEquals("/v1/completions", server.paths.get(0));
      assertEquals("A:你好|B:", server.requests.get(0).path("prompt").asText()); // a causal model continues the text before the blank
      assertEquals("glm-test", server.requests.get(0).path("model").asText());
      assertEquals(32, server.requests.get(0).path("max_tokens").asInt());
      assertEquals("Bearer k1", server.authorizations.get(0));
    }
  }

  @Test
  void chatStreamsDeltasAsTheyArrive() throws Exception {
    try (var server = new FakeOpenAiServer((ex, req, hit) -> FakeOpenAiServer.sse(ex, List.of(
        FakeOpenAiServer.deltaChunk("你"), FakeOpenAiServer.deltaChunk("好"), FakeOpenAiServer.deltaChunk("！")), 0))) {
      var model = new OpenAiCompatibleModel(config(server, RemoteBackendConfig.Mode.CHAT));
      Streamed r = infill(model, options());
      assertEquals("你好！", r.generation().text());
      assertEquals(List.of("你", "好", "！"), r.pieces());
      assertEquals(FinishReason.END, r.generation().finishReason());
      assertEquals("/v1/chat/completions", server.paths.get(0));
      var messages = server.requests.get(0).path("messages");
      assertEquals("system", messages.get(0).path("role").asText());
      assertEquals("你好", messages.get(messages.size() - 1).path("content").asText());
      assertTrue(server.requests.get(0).path("stream").asBoolean());
      assertEquals("null", server.authorizations.get(0)); // no key configured, no header
    }
  }

  @Test
  void completionsStreamStopsAtAStopStringSplitAcrossEvents() throws Exception {
    try (var server = new FakeOpenAiServer((ex, req, hit) -> FakeOpenAiServer.sse(ex, List.of(
        FakeOpenAiServer.textChunk("好的"), FakeOpenAiServer.textChunk("呀B"), FakeOpenAiServer.textChunk(":还有")), 0))) {
      var model = new OpenAiCompatibleModel(config(server, RemoteBackendConfig.Mode.COMPLETIONS));
      GenerationOptions o = new GenerationOptions(32, 0.9, 40, 1.0, 1.0, 0, List.of("B:"), Duration.ofSeconds(10), 1, 0);
      Streamed r = infill(model, o);
      assertEquals("好的呀", r.generation().text());
      assertEquals(FinishReason.STOP, r.generation().finishReason());
      assertEquals(r.generation().text(), String.join("", r.pieces()));
    }
  }

  @Test
  void slowServerTimesOutAsUnavailable() throws Exception {
    try (var server = new FakeOpenAiServer((ex, req, hit) -> {
      Thread.sleep(3000);
      FakeOpenAiServer.json(ex, 200, "{}");
    })) {
      var model = new OpenAiCompatibleModel(config(server, RemoteBackendConfig.Mode.COMPLETIONS)
          .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(200)).withRetries(1, Duration.ofMillis(5), Duration.ofMillis(5)));
      var e = assertThrows(ModelUnavailableException.class, () -> model.infill(PROMPT, options(), p -> {}));
      assertTrue(e.getMessage().contains("no response within 200 ms"), e.getMessage());
      assertTrue(e.getMessage().contains("after 2 attempts"), e.getMessage());
    }
  }

  @Test
  void serverErrorsAreRetriedUntilSuccess() throws Exception {
    try (var server = new FakeOpenAiServer((ex, req, hit) -> {
      if (hit == 1) FakeOpenAiServer.json(ex, 503, "{\"error\":\"loading\"}");
      else if (hit == 2) { ex.getResponseHeaders().set("Retry-After", "0"); FakeOpenAiServer.json(ex, 429, "{}"); }
      else FakeOpenAiServer.sse(ex, List.of(FakeOpenAiServer.textChunk("好")), 0);
    })) {
      var model = new OpenAiCompatibleModel(config(server, RemoteBackendConfig.Mode.COMPLETIONS));
      assertEquals("好", model.infill(PROMPT, options(), p -> {}).text());
      assertEquals(3, server.hits.get());
      assertEquals(CircuitBreaker.State.CLOSED, model.breakerState());
    }
  }

  @Test
  void clientErrorIsNotRetriedAndDoesNotTripTheBreaker() throws Exception {
    try (var server = new FakeOpenAiServer((ex, req, hit) -> FakeOpenAiServer.json(ex, 401, "{\"error\":\"bad key\"}"))) {
      var model = new OpenAiCompatibleModel(config(server, RemoteBackendConfig.Mode.COMPLETIONS).withBreaker(1, Duration.ofMinutes(1)));
      var e = assertThrows(ModelUnavailableException.class, () -> model.infill(PROMPT, options(), p -> {}));
      assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
      assertEquals(1, server.hits.get());
      assertEquals(CircuitBreaker.State.CLOSED, model.breakerState());
    }
  }

  @Test
  void breakerOpensAfterFailuresAndProbesAfterTheCoolDown() throws Exception {
    AtomicLong clock = new AtomicLong();
    try (var server = new FakeOpenAiServer((ex, req, hit) -> FakeOpenAiServer.json(ex, 500, "{}"))) {
      var cfg = config(server, RemoteBackendConfig.Mode.COMPLETIONS).withStream(false)
          .withRetries(0, Duration.ZERO, Duration.ZERO).withBreaker(2, Duration.ofSeconds(30));
      var model = new OpenAiCompatibleModel(cfg, new ChatMessagesRenderer(), clock::get);
      assertThrows(ModelUnavailableException.class, () -> model.infill(PROMPT, options(), p -> {}));
      assertThrows(ModelUnavailableException.class, () -> model.infill(PROMPT, options(), p -> {}));
      assertEquals(CircuitBreaker.State.OPEN, model.breakerState());
      var open = assertThrows(ModelUnavailableException.class, () -> model.infill(PROMPT, options(), p -> {}));
      assertTrue(open.getMessage().contains("circuit open"), open.getMessage());
      assertEquals(2, server.hits.get()); // the open breaker did not call
      assertTrue(model.unavailableReason().orElseThrow().contains("circuit open")); // callers can refuse before streaming

      clock.addAndGet(Duration.ofSeconds(31).toNanos());
      assertTrue(model.unavailableReason().isEmpty()); // cooled down: a trial may go out
      server.behaviour = (ex, req, hit) -> FakeOpenAiServer.json(ex, 200, "{\"choices\":[{\"text\":\"在\",\"finish_reason\":\"stop\"}]}");
      assertEquals("在", model.infill(PROMPT, options(), p -> {}).text()); // the half-open trial succeeds
      assertEquals(CircuitBreaker.State.CLOSED, model.breakerState());
    }
  }

  @Test
  void deadlineMidStreamReturnsWhatArrived() throws Exception {
    try (var server = new FakeOpenAiServer((ex, req, hit) -> FakeOpenAiServer.sse(ex, List.of(
        FakeOpenAiServer.textChunk("先"), FakeOpenAiServer.textChunk("后")), 2000))) {
      var model = new OpenAiCompatibleModel(config(server, RemoteBackendConfig.Mode.COMPLETIONS));
      Generation g = model.infill(PROMPT, options().withDeadline(Duration.ofMillis(300)), p -> {});
      assertEquals(FinishReason.DEADLINE, g.finishReason());
      assertEquals("先", g.text());
    }
  }

  static final RenderedPrompt WITH_POST_RESPONSE = new GlmPromptRenderer(TokenCounter.CODE_POINTS).render(new PromptSpec(
      List.of(), List.of(), List.of(), "门票多少钱", new PostResponse(List.of(Utterance.user("太贵了吧")))), 500);

  @Test
  void prefixFormSendsTheTextBeforeTheBlankAndContinuesABegunFill() throws Exception {
    var engine = new OpenAiEngineDouble("glm-test", "", OpenAiEngineDouble.Flavour.VLLM);
    engine.reply = p -> p.endsWith("B:") ? "六十元。" : "，学生半价。|A:";
    try (var server = new FakeOpenAiServer(engine)) {
      var model = new OpenAiCompatibleModel(config(server, RemoteBackendConfig.Mode.COMPLETIONS));
      assertEquals("A:门票多少钱|B:[MASK]|A:太贵了吧", WITH_POST_RESPONSE.text());
      assertEquals("六十元。", model.infill(WITH_POST_RESPONSE, options(), p -> {}).text());
      assertEquals("A:门票多少钱|B:", engine.seen.get(0).body().path("prompt").asText());
      List<String> pieces = new ArrayList<>();
      assertEquals("，学生半价。", model.continuer().orElseThrow().infillAfter(WITH_POST_RESPONSE, "六十元", options(), pieces::add).text());
      assertEquals("A:门票多少钱|B:六十元", engine.seen.get(1).body().path("prompt").asText());
      assertEquals("，学生半价。", String.join("", pieces));

      var blank = new OpenAiCompatibleModel(config(server, RemoteBackendConfig.Mode.COMPLETIONS).withPromptForm(RemoteBackendConfig.PromptForm.BLANK));
      blank.infill(WITH_POST_RESPONSE, options(), p -> {});
      assertEquals(WITH_POST_RESPONSE.text(), engine.seen.get(2).body().path("prompt").asText()); // a GLM server fills the blank itself
      assertTrue(blank.continuer().isEmpty(), "a GLM server sent the blank cannot continue a begun fill");
    }
  }

  @Test
  void scoresAreWhatTheContinuationAddsToTheEchoedPrefixWithOrWithoutOffsets() throws Exception {
    for (var flavour : List.of(OpenAiEngineDouble.Flavour.VLLM, OpenAiEngineDouble.Flavour.SGLANG)) {
      var engine = new OpenAiEngineDouble("glm-test", "", flavour);
      try (var server = new FakeOpenAiServer(engine)) {
        var model = new OpenAiCompatibleModel(config(server, RemoteBackendConfig.Mode.COMPLETIONS));
        // the double's model: -0.5 for a character seen before in the text, -4 for a new one
        List<Score> scores = model.scorer().orElseThrow().score("AB|B:[MASK]|A:尾", List.of("AB", "好的", ""));
        assertEquals(-1.0, scores.get(0).logProb(), 1e-9, flavour.name());
        assertEquals(-8.0, scores.get(1).logProb(), 1e-9, flavour.name());
        assertEquals(List.of(2, 2, 0), scores.stream().map(Score::tokens).toList());
        JsonNode request = engine.seen.get(0).body();
        assertTrue(request.path("echo").asBoolean());
        assertEquals(1, request.path("max_tokens").asInt());
        assertEquals(List.of("AB|B:", "AB|B:AB", "AB|B:好的", "AB|B:"),
            java.util.stream.StreamSupport.stream(request.path("prompt").spliterator(), false).map(JsonNode::asText).toList());
      }
    }
  }

  @Test
  void scoringFailsWithoutEchoAndIsNotOfferedInChatModeOrForTheWholeBlankPrompt() throws Exception {
    var engine = new OpenAiEngineDouble("glm-test", "", OpenAiEngineDouble.Flavour.NO_ECHO);
    try (var server = new FakeOpenAiServer(engine)) {
      var completions = new OpenAiCompatibleModel(config(server, RemoteBackendConfig.Mode.COMPLETIONS));
      assertTrue(completions.scorer().isPresent());
      var e = assertThrows(ModelUnavailableException.class, () -> completions.scorer().orElseThrow().score("AB", List.of("好")));
      assertTrue(e.getMessage().contains("echo"), e.getMessage());
      assertEquals(CircuitBreaker.State.CLOSED, completions.breakerState()); // the backend answered: it is not failing
      var chat = new OpenAiCompatibleModel(config(server, RemoteBackendConfig.Mode.CHAT));
      assertTrue(chat.scorer().isEmpty(), "a chat backend offers no likelihoods");
      assertTrue(chat.continuer().isEmpty(), "nor begun fills");
      var blank = new OpenAiCompatibleModel(config(server, RemoteBackendConfig.Mode.COMPLETIONS).withPromptForm(RemoteBackendConfig.PromptForm.BLANK));
      assertTrue(blank.scorer().isEmpty());
    }
  }

  @Test
  void retryAfterIsWaitedForAndALongerOneThanAllowedEndsTheTries() throws Exception {
    var engine = new OpenAiEngineDouble("glm-test", "", OpenAiEngineDouble.Flavour.VLLM);
    try (var server = new FakeOpenAiServer(engine)) {
      var model = new OpenAiCompatibleModel(config(server, RemoteBackendConfig.Mode.COMPLETIONS)
          .withRetries(2, Duration.ofMillis(5), Duration.ofSeconds(2)));
      engine.goDown(Duration.ofSeconds(1));
      Thread recovery = Thread.ofVirtual().start(() -> {
        while (engine.seen.isEmpty()) Thread.onSpinWait();
        engine.recover();
      });
      assertEquals("好的，没问题。", model.infill(PROMPT, options(), p -> {}).text());
      recovery.join();
      assertEquals(List.of(503, 200), engine.seen.stream().map(OpenAiEngineDouble.Seen::status).toList());
      long gapMillis = (engine.seen.get(1).atNanos() - engine.seen.get(0).atNanos()) / 1_000_000;
      assertTrue(gapMillis >= 950, "retried after " + gapMillis + " ms, before the server's Retry-After of 1 s");

      engine.goDown(Duration.ofSeconds(30));
      long start = System.nanoTime();
      var e = assertThrows(ModelUnavailableException.class, () -> model.infill(PROMPT, options(), p -> {}));
      assertTrue(e.getMessage().contains("HTTP 503 (Retry-After 30 s)") && e.getMessage().contains("not retried"), e.getMessage());
      assertEquals(3, engine.seen.size(), "one try only");
      assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos());
    }
  }

  @Test
  void backoffDoublesFromTheInitialPauseUpToTheMaximumAndAServersRetryAfterWins() throws Exception {
    try (var server = new FakeOpenAiServer((ex, req, hit) -> FakeOpenAiServer.json(ex, 503, "{}"))) {
      var model = new OpenAiCompatibleModel(config(server, RemoteBackendConfig.Mode.COMPLETIONS)
          .withRetries(5, Duration.ofMillis(5), Duration.ofMillis(30)));
      assertEquals(List.of(5L, 10L, 20L, 30L, 30L),
          java.util.stream.IntStream.rangeClosed(1, 5).mapToObj(i -> model.backoff(i, null).toMillis()).toList());
      assertEquals(Duration.ofMillis(12), model.backoff(3, Duration.ofMillis(12)));
      assertEquals(Duration.ofMillis(30), model.backoff(1, Duration.ofSeconds(1)));
      assertEquals(6, model.retryPolicy(0, null, () -> 0).getMaxAttempts());
    }
  }

  @Test
  void aRetryIsNotTriedWhenTheDeadlineLeavesNoTimeForItsPause() throws Exception {
    try (var server = new FakeOpenAiServer((ex, req, hit) -> FakeOpenAiServer.json(ex, 503, "{}"))) {
      var model = new OpenAiCompatibleModel(config(server, RemoteBackendConfig.Mode.COMPLETIONS)
          .withRetries(3, Duration.ofSeconds(1), Duration.ofSeconds(2)));
      long start = System.nanoTime();
      var e = assertThrows(ModelUnavailableException.class,
          () -> model.infill(PROMPT, options().withDeadline(Duration.ofMillis(800)), p -> {}));
      assertTrue(e.getMessage().contains("after 1 attempt: HTTP 503"), e.getMessage());
      assertEquals(1, server.hits.get());
      assertTrue(System.nanoTime() - start < Duration.ofMillis(800).toNanos(), "gave up at once, without waiting");
    }
  }

  @Test
  void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
    assertEquals(Duration.ofSeconds(7), OpenAiCompatibleModel.retryAfter(" 7 "));
    String inTenSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
        java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(10));
    Duration d = OpenAiCompatibleModel.retryAfter(inTenSeconds);
    assertTrue(d.toSeconds() >= 8 && d.toSeconds() <= 10, d.toString());
    assertNull(OpenAiCompatibleModel.retryAfter("soon"));
  }
}
