package dev.xdai.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.models.Model;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI-compatible API over real HTTP, driven by the official OpenAI Java client where it can be, with the real
 * model, knowledge, graph server and personas.
 */
@QuarkusTest
class OpenAiApiTest {

  @TestHTTPResource("/v1")
  URL v1;

  private OpenAIClient client;

  OpenAIClient client() {
    if (client == null) client = OpenAIOkHttpClient.builder().baseUrl(v1.toString()).apiKey("unused").maxRetries(0).build();
    return client;
  }

  @AfterEach
  void close() {
    if (client != null) client.close();
  }

  static ChatCompletionCreateParams.Builder ask(String bot, String text) {
    return ChatCompletionCreateParams.builder().model(bot).addUserMessage(text);
  }

  @Test
  void aCompletionHasTheReplyItsUsageAndItsGroundingWithCitations() {
    ChatCompletion c = client().chat().completions().create(ask("receptionist", "你们诊所周末开门吗？").build());
    assertEquals("receptionist", c.model());
    assertTrue(c.id().startsWith("chatcmpl-"), c.id());
    assertEquals(1, c.choices().size());
    String reply = c.choices().get(0).message().content().orElseThrow();
    assertFalse(reply.isBlank());
    assertTrue(List.of("stop", "length").contains(c.choices().get(0).finishReason().asString()), c.choices().get(0).finishReason().asString());
    var usage = c.usage().orElseThrow();
    assertTrue(usage.promptTokens() > 0, usage.toString());
    assertEquals(usage.promptTokens() + usage.completionTokens(), usage.totalTokens());

    JsonNode xdai = xdai(c._additionalProperties());
    assertFalse(xdai.has("session_id"), "nothing is stored without a session key: " + xdai);
    JsonNode grounding = xdai.path("grounding");
    assertEquals("receptionist", grounding.path("persona").asText());
    assertTrue(grounding.path("mode").isTextual(), grounding.toString());
    JsonNode knowledge = grounding.path("knowledge");
    assertFalse(knowledge.isEmpty(), "the clinic pack grounds the reply: " + grounding);
    for (JsonNode k : knowledge) {
      assertEquals("clinic", k.path("item").path("pack").asText(), k.toString());
      assertFalse(k.path("item").path("id").asText().isBlank(), k.toString());
      assertFalse(k.path("item").path("source").asText().isBlank(), k.toString());
    }
  }

  @Test
  void aStreamedCompletionSendsTheRoleThenTheReplyThenItsEndAndUsage() {
    String key = "stream-" + UUID.randomUUID();
    var params = ask("xiaodai", "今天天气不错").streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
        .putAdditionalHeader("X-Session-Id", key).build();
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream = client().chat().completions().createStreaming(params)) {
      stream.stream().forEach(chunks::add);
    }
    assertTrue(chunks.size() >= 4, chunks.toString());
    assertEquals("assistant", chunks.get(0).choices().get(0).delta().role().orElseThrow().asString());
    StringBuilder text = new StringBuilder();
    List<String> finishes = new ArrayList<>();
    for (ChatCompletionChunk chunk : chunks) {
      assertEquals(chunks.get(0).id(), chunk.id());
      assertEquals("xiaodai", chunk.model());
      for (var choice : chunk.choices()) {
        choice.delta().content().ifPresent(text::append);
        choice.finishReason().ifPresent(f -> finishes.add(f.asString()));
      }
    }
    assertEquals(1, finishes.size(), finishes.toString());
    ChatCompletionChunk last = chunks.getLast();
    assertTrue(last.choices().isEmpty(), "the usage chunk has no choices");
    var usage = last.usage().orElseThrow();
    assertEquals(usage.promptTokens() + usage.completionTokens(), usage.totalTokens());
    assertTrue(usage.promptTokens() > 0);
    JsonNode xdai = xdai(last._additionalProperties());
    String sessionId = xdai.path("session_id").asText();
    assertEquals("xiaodai", xdai.path("grounding").path("persona").asText(), xdai.toString());

    assertFalse(text.isEmpty());
    given().when().get("/api/sessions/" + sessionId).then().statusCode(200)
        .body("turns.size()", equalTo(1))
        .body("turns[0].user", equalTo("今天天气不错"))
        .body("turns[0].reply", equalTo(text.toString()));
  }

  @Test
  void theStreamOnTheWireIsDataLinesEndingWithDone() {
    String body = given().contentType(ContentType.JSON)
        .body(Map.of("model", "xiaodai", "stream", true, "messages", List.of(Map.of("role", "user", "content", "你好"))))
        .when().post("/v1/chat/completions")
        .then().statusCode(200).contentType(containsString("text/event-stream"))
        .extract().asString();
    assertTrue(body.endsWith("data: [DONE]\n\n"), body);
    String[] events = body.split("\n\n");
    for (String event : events) assertTrue(event.startsWith("data: ") && !event.contains("\n"), "one data line an event: " + event);
    assertTrue(events[0].contains("\"role\":\"assistant\""), events[0]);
    String end = events[events.length - 2];
    assertTrue(end.contains("\"finish_reason\":\"stop\"") || end.contains("\"finish_reason\":\"length\""), end);
    assertTrue(end.contains("\"xdai\":{\"grounding\":"), "without include_usage the finish chunk is last and grounded: " + end);
    assertFalse(body.contains("\"usage\""), "no usage chunk unless asked for");
  }

  @Test
  void aSessionKeyContinuesTheStoredConversationAndOnlyTheLastMessageIsNew() {
    String key = "user-" + UUID.randomUUID();
    ChatCompletion first = client().chat().completions().create(ask("xiaodai", "你好，我叫小明").putAdditionalHeader("X-Session-Id", key).build());
    String reply = first.choices().get(0).message().content().orElseThrow();
    String sessionId = xdai(first._additionalProperties()).path("session_id").asText();
    assertFalse(sessionId.isEmpty());

    // The client sends the whole conversation, as OpenAI clients do; the same key in `user` names the same session.
    @SuppressWarnings("deprecation")
    var params = ChatCompletionCreateParams.builder().model("xiaodai").user(key)
        .addSystemMessage("You are a helpful assistant.")
        .addUserMessage("你好，我叫小明").addAssistantMessage(reply).addUserMessage("我叫什么名字？").build();
    ChatCompletion second = client().chat().completions().create(params);
    JsonNode xdai = xdai(second._additionalProperties());
    assertEquals(sessionId, xdai.path("session_id").asText());
    assertEquals(List.of("你好，我叫小明"), xdai.path("grounding").path("history").findValuesAsText("user"));

    given().when().get("/api/sessions/" + sessionId).then().statusCode(200)
        .body("bot", equalTo("xiaodai"))
        .body("turns.user", equalTo(List.of("你好，我叫小明", "我叫什么名字？")))
        .body("turns[0].reply", equalTo(reply))
        .body("turns[1].reply", equalTo(second.choices().get(0).message().content().orElseThrow()))
        .body("turns[1].grounding.history.user", equalTo(List.of("你好，我叫小明")));

    ChatCompletion elsewhere = client().chat().completions().create(ask("receptionist", "你好").putAdditionalHeader("X-Session-Id", key).build());
    String other = xdai(elsewhere._additionalProperties()).path("session_id").asText();
    assertFalse(other.isEmpty());
    assertNotEquals(sessionId, other, "a key names one session per bot");
  }

  @Test
  void withoutASessionKeyTheMessagesAreTheWholeHistoryAndNothingIsStored() {
    var params = ChatCompletionCreateParams.builder().model("xiaodai")
        .addUserMessage("我最喜欢的水果是芒果").addAssistantMessage("芒果很好吃！").addUserMessage("我最喜欢什么水果？").build();
    ChatCompletion c = client().chat().completions().create(params);
    JsonNode xdai = xdai(c._additionalProperties());
    assertFalse(xdai.has("session_id"), xdai.toString());
    JsonNode history = xdai.path("grounding").path("history");
    assertEquals(1, history.size(), history.toString());
    assertEquals("我最喜欢的水果是芒果", history.get(0).path("user").asText());
    assertEquals("芒果很好吃！", history.get(0).path("bot").asText());

    // The same question alone: nothing of the call before was kept for it.
    ChatCompletion alone = client().chat().completions().create(ask("xiaodai", "我最喜欢什么水果？").build());
    JsonNode aloneHistory = xdai(alone._additionalProperties()).path("grounding").path("history");
    assertTrue(aloneHistory.isArray() && aloneHistory.isEmpty(), aloneHistory.toString());
  }

  @Test
  void theModelsAreTheBots() {
    List<Model> models = client().models().list().data();
    List<String> ids = models.stream().map(Model::id).toList();
    assertTrue(ids.containsAll(List.of("xiaodai", "receptionist")), ids.toString());
    for (Model m : models) {
      assertEquals("xdai", m.ownedBy());
      assertTrue(m.created() > 0);
    }
    given().when().get("/v1/models").then().statusCode(200).body("object", equalTo("list")).body("data.object", everyItem(equalTo("model")));
    given().when().get("/v1/models/receptionist").then().statusCode(200).body("id", equalTo("receptionist")).body("owned_by", equalTo("xdai"));
    openAiProblem(given().when().get("/v1/models/nope"), 404, "'nope'");
  }

  @Test
  void badRequestsAreProblemsThatOpenAiClientsCanRead() {
    var hi = List.of(Map.of("role", "user", "content", "你好"));
    openAiProblem(post(Map.of("model", "no-such-bot", "messages", hi)), 404, "model 'no-such-bot'");
    openAiProblem(post(Map.of("model", "xiaodai")), 400, "messages");
    openAiProblem(post(Map.of("model", "xiaodai", "messages", List.of())), 400, "messages");
    openAiProblem(post(Map.of("messages", hi)), 400, "model");
    openAiProblem(post(Map.of("model", "xiaodai", "messages", hi, "n", 2)), 400, "n is 2");
    openAiProblem(post(Map.of("model", "xiaodai", "messages", List.of(Map.of("role", "user", "content", "你好"), Map.of("role", "assistant", "content", "嗯")))),
        400, "messages[1].role is 'assistant'");
    openAiProblem(post(Map.of("model", "xiaodai", "messages", List.of(Map.of("role", "user", "content", "长".repeat(5000))))), 413, "limit");
    openAiProblem(given().contentType(ContentType.JSON).body("{\"model\": ").when().post("/v1/chat/completions"), 400, "JSON");
    openAiProblem(post(Map.of("model", "no-such-bot", "stream", true, "messages", hi)), 404, "no-such-bot");
    given().when().get("/api/sessions/nope").then().statusCode(404).body("error", nullValue()); // only /v1 speaks OpenAI

    // Unknown fields are ignored, as OpenAI servers ignore them.
    post(Map.of("model", "xiaodai", "messages", hi, "temperature", 0.2, "max_tokens", 20, "frobnicate", true)).then().statusCode(200);

    var unknown = assertThrows(NotFoundException.class, () -> client().chat().completions().create(ask("no-such-bot", "你好").build()));
    assertTrue(unknown.getMessage().contains("model 'no-such-bot'"), unknown.getMessage());
    assertEquals("invalid_request_error", unknown.type().orElseThrow());
    var two = assertThrows(BadRequestException.class, () -> client().chat().completions().create(ask("xiaodai", "你好").n(2).build()));
    assertTrue(two.getMessage().contains("only n=1"), two.getMessage());
  }

  static Response post(Object body) {
    return given().contentType(ContentType.JSON).body(body).when().post("/v1/chat/completions");
  }

  static void openAiProblem(Response r, int status, String detailContains) {
    String detail = r.then().statusCode(status).contentType("application/problem+json")
        .body("status", equalTo(status))
        .body("detail", containsString(detailContains))
        .body("error.type", not(emptyOrNullString()))
        .extract().path("detail");
    r.then().body("error.message", equalTo(detail));
  }

  @Test
  void aClientThatLeavesMidStreamLeavesNoErrorBehind() throws Exception {
    String key = "leaver-" + UUID.randomUUID();
    ChatCompletion first = client().chat().completions().create(ask("xiaodai", "你好").putAdditionalHeader("X-Session-Id", key).build());
    String sessionId = xdai(first._additionalProperties()).path("session_id").asText();

    List<LogRecord> errors = new ArrayList<>();
    Handler watch = new Handler() {
      @Override public void publish(LogRecord r) {
        if (r.getLevel().intValue() >= Level.SEVERE.intValue()) synchronized (errors) { errors.add(r); }
      }
      @Override public void flush() {}
      @Override public void close() {}
    };
    Logger root = Logger.getLogger("");
    root.addHandler(watch);
    try {
      Logger.getLogger(OpenAiApiTest.class.getName()).severe("a probe: errors are seen");
      synchronized (errors) {
        assertEquals(1, errors.size(), "the watch sees the service's errors");
        errors.clear();
      }
      byte[] body = ("{\"model\":\"xiaodai\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"你喜欢什么？\"}]}")
          .getBytes(StandardCharsets.UTF_8);
      try (Socket socket = new Socket(v1.getHost(), v1.getPort())) {
        socket.setSoLinger(true, 0); // leaves at once (a reset), so the service's next write finds the client gone
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-Session-Id: " + key
            + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder seen = new StringBuilder();
        while (!seen.toString().contains("data: ")) {
          int b = in.read();
          assertNotEquals(-1, b, "the stream began: " + seen);
          seen.append((char) b);
        }
      } // leaves after the role chunk, while the turn runs
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (given().when().get("/api/sessions/" + sessionId).then().extract().<Integer>path("turns.size()") < 2) {
        assertTrue(System.nanoTime() < deadline, "the turn of the client that left is still stored");
        Thread.sleep(100);
      }
      Thread.sleep(1000); // the unsent chunks are written, and fail, right after the turn is stored
    } finally {
      root.removeHandler(watch);
    }
    synchronized (errors) {
      assertEquals(List.of(), errors.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList());
    }
  }

  /** The xdai extension of a completion or chunk, which the client keeps as an untyped additional property. */
  static JsonNode xdai(Map<String, JsonValue> additionalProperties) {
    JsonValue xdai = additionalProperties.get("xdai");
    assertNotNull(xdai, "no xdai extension among " + additionalProperties.keySet());
    return xdai.convert(JsonNode.class);
  }

}
