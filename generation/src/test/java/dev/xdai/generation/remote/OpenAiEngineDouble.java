package dev.xdai.generation.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A test double of an inference engine's OpenAI-compatible API, as vLLM and SGLang serve it, for a
 * {@link FakeOpenAiServer}: {@code /v1/completions} (a prompt or a batch of prompts) and {@code /v1/chat/completions},
 * streamed as SSE chunks ending in {@code [DONE]} or answered whole, {@code echo} with {@code logprobs} for prompt
 * scoring in the engine's {@link Flavour}, {@code stop} strings and {@code max_tokens}, the served model's name and the
 * API key checked as the engines check them, 429 with {@code Retry-After} past a concurrency limit and 503 while down.
 *
 * <p>Its model is deterministic: a token is a character; the reply to a prompt is what {@link #reply} says (for a chat
 * request, to the last message); a token's log-probability is -0.5 when its character occurred earlier in the text
 * (the model copies well) and -4 otherwise, the first token's none; an empty reply is one end-of-text token.
 */
public final class OpenAiEngineDouble implements FakeOpenAiServer.Behaviour {

  /** How the engine answers {@code echo} with {@code logprobs} on {@code /v1/completions}. */
  public enum Flavour {
    /** Prompt and generated tokens, with their character offsets. */
    VLLM,
    /** Prompt and generated tokens, every offset -1 (SGLang's OpenAI adapter does not fill them). */
    SGLANG,
    /** {@code echo} ignored: the generated tokens only, as some servers answer (llama.cpp's). */
    NO_ECHO
  }

  /** One request as the engine saw it: path, body, when (System.nanoTime) and the status it answered. */
  public record Seen(String path, JsonNode body, long atNanos, int status) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  public final String servedModel;
  public final String apiKey;
  public final Flavour flavour;
  /** The reply to a completions prompt, or to a chat request's last message. */
  public volatile Function<String, String> reply = prompt -> "好的，没问题。";
  /** Requests served at once; one more is answered 429 with {@link #busyRetryAfter}. */
  public volatile int maxConcurrent = Integer.MAX_VALUE;
  public volatile Duration busyRetryAfter = Duration.ofSeconds(1);
  /** Requests answered 503 (no Retry-After), whatever else holds: a failure of some calls only. */
  public volatile Predicate<JsonNode> refuse = body -> false;
  /** Pause after each streamed chunk. */
  public volatile long chunkPauseMillis;
  public final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean down;
  private volatile Duration downRetryAfter;

  public OpenAiEngineDouble(String servedModel, String apiKey, Flavour flavour) {
    this.servedModel = servedModel;
    this.apiKey = apiKey;
    this.flavour = flavour;
  }

  /** From now on every request is answered 503, with {@code Retry-After} when {@code retryAfter} is not null. */
  public void goDown(Duration retryAfter) {
    downRetryAfter = retryAfter;
    down = true;
  }

  public void recover() { down = false; }

  /** The requests to {@code path} (e.g. {@code /v1/completions}) answered with {@code status}. */
  public List<Seen> seen(String path, int status) {
    return seen.stream().filter(s -> s.path().equals(path) && s.status() == status).toList();
  }

  @Override
  public void answer(HttpExchange ex, JsonNode request, int hit) throws Exception {
    String path = ex.getRequestURI().getPath();
    long at = System.nanoTime();
    try {
      int status;
      if (inFlight.incrementAndGet() > maxConcurrent) {
        status = error(ex, 429, "RateLimitError", "too many requests in flight", busyRetryAfter);
      } else if (down) {
        status = error(ex, 503, "ServiceUnavailableError", "the engine is not ready", downRetryAfter);
      } else if (refuse.test(request)) {
        status = error(ex, 503, "ServiceUnavailableError", "the engine refused this request", null);
      } else if (!apiKey.isEmpty() && !("Bearer " + apiKey).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        status = error(ex, 401, "AuthenticationError", "Unauthorized", null);
      } else if (!path.equals("/v1/completions") && !path.equals("/v1/chat/completions")) {
        status = error(ex, 404, "NotFoundError", "no route " + path, null);
      } else if (!servedModel.equals(request.path("model").asText())) {
        status = error(ex, 404, "NotFoundError", "The model `" + request.path("model").asText() + "` does not exist.", null);
      } else {
        status = 200;
      }
      seen.add(new Seen(path, request, at, status));
      if (status != 200) return;
      if (path.equals("/v1/completions")) completions(ex, request);
      else chat(ex, request);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  // ---------------------------------------------------------------- /v1/completions

  private void completions(HttpExchange ex, JsonNode request) throws Exception {
    List<String> prompts = new ArrayList<>();
    if (request.path("prompt").isArray()) request.path("prompt").forEach(p -> prompts.add(p.asText()));
    else prompts.add(request.path("prompt").asText());
    boolean echo = request.path("echo").asBoolean(false);
    boolean logprobs = request.hasNonNull("logprobs");
    if (request.path("stream").asBoolean(false)) {
      Fill fill = fill(prompts.get(0), request);
      List<String> chunks = new ArrayList<>();
      fill.text.codePoints().forEach(c -> chunks.add(chunk("text_completion", JSON.createObjectNode().put("text", Character.toString(c)), null)));
      chunks.add(chunk("text_completion", JSON.createObjectNode().put("text", ""), fill.finishReason));
      FakeOpenAiServer.sse(ex, chunks, chunkPauseMillis);
      return;
    }
    ObjectNode body = envelope("text_completion");
    ArrayNode choices = body.putArray("choices");
    int completionTokens = 0;
    for (int i = 0; i < prompts.size(); i++) {
      String prompt = prompts.get(i);
      Fill fill = fill(prompt, request);
      completionTokens += fill.text.codePointCount(0, fill.text.length());
      ObjectNode choice = choices.addObject().put("index", i).put("text", echo ? prompt + fill.text : fill.text);
      if (logprobs) choice.set("logprobs", logprobs(prompt, fill.text, echo && flavour != Flavour.NO_ECHO));
      else choice.putNull("logprobs");
      choice.put("finish_reason", fill.finishReason);
    }
    body.putObject("usage").put("completion_tokens", completionTokens);
    FakeOpenAiServer.json(ex, 200, body.toString());
  }

  /** OpenAI's legacy logprobs object for the prompt (when echoed) and the fill, one entry a character. */
  private ObjectNode logprobs(String prompt, String fill, boolean withPrompt) {
    String text = prompt + fill;
    int from = withPrompt ? 0 : prompt.codePointCount(0, prompt.length());
    ObjectNode lp = JSON.createObjectNode();
    ArrayNode tokens = lp.putArray("tokens"), values = lp.putArray("token_logprobs"), offsets = lp.putArray("text_offset");
    int[] cps = text.codePoints().toArray();
    for (int i = from; i < cps.length; i++) {
      tokens.add(Character.toString(cps[i]));
      if (i == 0) values.addNull();
      else values.add(logProb(cps, i));
      offsets.add(flavour == Flavour.SGLANG ? -1 : i);
    }
    if (fill.isEmpty()) { // the model stopped at once: its one generated token is the end of text, as engines report it
      tokens.add("");
      values.add(-0.1);
      offsets.add(flavour == Flavour.SGLANG ? -1 : cps.length);
    }
    return lp;
  }

  private static double logProb(int[] text, int i) {
    for (int j = 0; j < i; j++) if (text[j] == text[i]) return -0.5;
    return -4.0;
  }

  // ---------------------------------------------------------------- /v1/chat/completions

  private void chat(HttpExchange ex, JsonNode request) throws Exception {
    JsonNode messages = request.path("messages");
    Fill fill = fill(messages.path(messages.size() - 1).path("content").asText(), request);
    if (request.path("stream").asBoolean(false)) {
      List<String> chunks = new ArrayList<>();
      chunks.add(chunk("chat.completion.chunk", delta(JSON.createObjectNode().put("role", "assistant").put("content", "")), null));
      fill.text.codePoints().forEach(c -> chunks.add(chunk("chat.completion.chunk",
          delta(JSON.createObjectNode().put("content", Character.toString(c))), null)));
      chunks.add(chunk("chat.completion.chunk", delta(JSON.createObjectNode()), fill.finishReason));
      FakeOpenAiServer.sse(ex, chunks, chunkPauseMillis);
      return;
    }
    ObjectNode body = envelope("chat.completion");
    ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", fill.text);
    choice.put("finish_reason", fill.finishReason);
    body.putObject("usage").put("completion_tokens", fill.text.codePointCount(0, fill.text.length()));
    FakeOpenAiServer.json(ex, 200, body.toString());
  }

  private static ObjectNode delta(ObjectNode delta) {
    ObjectNode choice = JSON.createObjectNode();
    choice.set("delta", delta);
    return choice;
  }

  // ---------------------------------------------------------------- shared

  /** What the model generates for {@code prompt}: the reply, cut at a stop string or at {@code max_tokens}. */
  private record Fill(String text, String finishReason) {}

  private Fill fill(String prompt, JsonNode request) {
    String text = reply.apply(prompt);
    String reason = "stop";
    for (JsonNode stop : request.path("stop")) {
      int at = text.indexOf(stop.asText());
      if (at >= 0) text = text.substring(0, at);
    }
    int max = request.path("max_tokens").asInt(Integer.MAX_VALUE);
    if (text.codePointCount(0, text.length()) > max) {
      text = text.substring(0, text.offsetByCodePoints(0, max));
      reason = "length";
    }
    return new Fill(text, reason);
  }

  private ObjectNode envelope(String object) {
    return JSON.createObjectNode().put("id", "cmpl-test").put("object", object).put("created", 0).put("model", servedModel);
  }

  private String chunk(String object, ObjectNode choice, String finishReason) {
    ObjectNode body = envelope(object);
    choice.put("index", 0);
    if (finishReason == null) choice.putNull("finish_reason");
    else choice.put("finish_reason", finishReason);
    body.putArray("choices").add(choice);
    return body.toString();
  }

  private static int error(HttpExchange ex, int status, String type, String message, Duration retryAfter) throws Exception {
    if (retryAfter != null) ex.getResponseHeaders().set("Retry-After", Long.toString(retryAfter.toSeconds()));
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("message", message).put("type", type).put("code", status);
    FakeOpenAiServer.json(ex, status, body.toString());
    return status;
  }
}
