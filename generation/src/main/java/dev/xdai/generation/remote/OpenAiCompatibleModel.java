package dev.xdai.generation.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xdai.generation.Continuer;
import dev.xdai.generation.Generation;
import dev.xdai.generation.Generation.FinishReason;
import dev.xdai.generation.GenerationOptions;
import dev.xdai.generation.LanguageModel;
import dev.xdai.generation.ModelInfo;
import dev.xdai.generation.ModelUnavailableException;
import dev.xdai.generation.Score;
import dev.xdai.generation.Scorer;
import dev.xdai.generation.TokenListener;
import dev.xdai.generation.decode.StopStrings;
import dev.xdai.prompting.PromptText;
import dev.xdai.prompting.RenderedPrompt;
import dev.xdai.prompting.TokenCounter;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * A language model behind an OpenAI-compatible HTTP API (vLLM, SGLang, a GLM server, OpenAI itself). In completions
 * mode the prompt goes to {@code /completions}, as its text before the blank (a causal model continues it) or whole
 * (a server that fills GLM blanks), see {@link RemoteBackendConfig.PromptForm}; in chat mode it is rendered as
 * messages by {@link ChatMessagesRenderer} and sent to {@code /chat/completions}. Streams over server-sent events,
 * retries 429 and 5xx before any text has been passed on (with exponential backoff, or after the server's
 * Retry-After), and stops calling a failing backend through a {@link CircuitBreaker}. Thread-safe.
 */
public final class OpenAiCompatibleModel implements LanguageModel {

  private final RemoteBackendConfig config;
  private final ChatMessagesRenderer chat;
  private final LongSupplier nanoClock;
  private final HttpClient http;
  private final CircuitBreaker breaker;
  private final ObjectMapper json = new ObjectMapper();
  // Only a completions backend sent the prompt's prefix continues plain text: it alone can score and take a begun fill.
  private final Optional<Scorer> scorer;
  private final Optional<Continuer> continuer;

  public OpenAiCompatibleModel(RemoteBackendConfig config) { this(config, new ChatMessagesRenderer(), System::nanoTime); }

  /** With a given chat wording and clock (the clock drives the deadline and the breaker's cool-down). */
  public OpenAiCompatibleModel(RemoteBackendConfig config, ChatMessagesRenderer chat, LongSupplier nanoClock) {
    this.config = config;
    this.chat = chat;
    this.nanoClock = nanoClock;
    // HTTP/1.1: servers behind plain http rarely speak h2c, and the upgrade dance only adds a round of surprises.
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.connectTimeout()).build();
    this.breaker = new CircuitBreaker(config.breakerFailures(), config.breakerCoolDown(), nanoClock);
    boolean continuesText = config.mode() == RemoteBackendConfig.Mode.COMPLETIONS
        && config.promptForm() == RemoteBackendConfig.PromptForm.PREFIX;
    this.scorer = continuesText ? Optional.of(this::score) : Optional.empty();
    this.continuer = continuesText ? Optional.of(this::infillAfter) : Optional.empty();
  }

  /** Token counts are approximated by code points: the remote tokenizer is not known here. */
  @Override
  public ModelInfo info() {
    return new ModelInfo(config.name() + "/" + config.model(), config.contextLength(), TokenCounter.CODE_POINTS);
  }

  public CircuitBreaker.State breakerState() { return breaker.state(); }

  /** While the breaker is open and cooling down: the backend is known to be failing, so a turn is refused at once. */
  @Override
  public Optional<String> unavailableReason() {
    Duration wait = breaker.retryIn();
    if (wait.isZero()) return Optional.empty();
    return Optional.of("backend " + config.name() + " is failing; not calling it for another " + wait.toMillis() + " ms (circuit open)");
  }

  @Override
  public Generation infill(RenderedPrompt prompt, GenerationOptions options, TokenListener listener) {
    if (config.mode() == RemoteBackendConfig.Mode.CHAT) {
      ObjectNode body = samplingBody(options);
      ArrayNode messages = body.putArray("messages");
      chat.render(prompt).forEach(m -> messages.addObject().put("role", m.role()).put("content", m.content()));
      return call("/chat/completions", body, options, listener);
    }
    String text = config.promptForm() == RemoteBackendConfig.PromptForm.PREFIX ? prefix(prompt.text()) : prompt.text();
    return call("/completions", samplingBody(options).put("prompt", text), options, listener);
  }

  /** Begun fills for a completions backend sent the prompt's prefix; a chat backend, or one sent the blank, has none. */
  @Override
  public Optional<Continuer> continuer() { return continuer; }

  /**
   * The {@link Continuer}: the backend continues {@code begun} as the start of its own reply: the prompt before the
   * blank and {@code begun} are sent as one text, and what the model adds is returned.
   */
  private Generation infillAfter(RenderedPrompt prompt, String begun, GenerationOptions options, TokenListener listener) {
    return call("/completions", samplingBody(options).put("prompt", prefix(prompt.text()) + begun), options, listener);
  }

  private Generation call(String path, ObjectNode body, GenerationOptions options, TokenListener listener) {
    long start = nanoClock.getAsLong();
    body.put("stream", config.stream());
    URI uri = config.endpoint(path);
    return withRetries(start, options.deadline(), () -> config.stream()
        ? streamOnce(uri, body, options, listener, start)
        : completeOnce(uri, body, options, listener, start));
  }

  /** The text before the prompt's blank (it ends in the bot's turn, {@code B:}); all of it when it has none. */
  static String prefix(String promptText) {
    int blank = promptText.length();
    for (String token : List.of(PromptText.MASK, PromptText.GMASK)) {
      int at = promptText.indexOf(token);
      if (at >= 0 && at < blank) blank = at;
    }
    return promptText.substring(0, blank);
  }

  /** Likelihoods for a completions backend sent the prompt's prefix; a chat backend, or one sent the blank, has none. */
  @Override
  public Optional<Scorer> scorer() { return scorer; }

  /**
   * The {@link Scorer}: log-likelihoods from the prompt log-probabilities a completions server echoes back
   * ({@code echo} with {@code logprobs}, one token generated). The prompt's prefix is sent alone and followed by each
   * continuation in one batch; a continuation's log-likelihood is what it adds to the prefix's: this needs no character
   * offsets (SGLang answers -1 for each) and counts a token that spans the boundary once.
   *
   * @throws ModelUnavailableException when the server echoes no prompt log-probabilities (it ignores {@code echo}, as
   *     some servers do, silently)
   */
  private List<Score> score(String promptText, List<String> continuations) {
    if (continuations.isEmpty()) return List.of();
    String context = prefix(promptText);
    ObjectNode body = json.createObjectNode().put("model", config.model()).put("max_tokens", 1).put("echo", true)
        .put("logprobs", 1).put("temperature", 0.0);
    ArrayNode prompts = body.putArray("prompt").add(context);
    continuations.forEach(c -> prompts.add(context + c));
    URI uri = config.endpoint("/completions");
    JsonNode response = withRetries(nanoClock.getAsLong(), null, () -> postJson(uri, body, config.readTimeout()));
    Echoed base = echoed(choiceAt(response, 0));
    List<Score> scores = new ArrayList<>();
    for (int i = 0; i < continuations.size(); i++) {
      String c = continuations.get(i);
      Echoed full = echoed(choiceAt(response, i + 1));
      int tokens = full.tokens() - base.tokens();
      if (tokens <= 0 && !c.isEmpty()) throw noEcho();
      scores.add(new Score(full.logProb() - base.logProb(), Math.max(0, tokens), c.codePointCount(0, c.length())));
    }
    return scores;
  }

  /** The summed log-probability of an echoed prompt's tokens and their number (the first token has none). */
  private record Echoed(double logProb, int tokens) {}

  /** The echoed prompt of one choice: every log-probability but the last, which is the one generated token's. */
  private Echoed echoed(JsonNode choice) {
    JsonNode values = choice.path("logprobs").path("token_logprobs");
    if (!values.isArray() || values.isEmpty()) throw noEcho();
    double sum = 0;
    for (int t = 0; t < values.size() - 1; t++) if (values.get(t).isNumber()) sum += values.get(t).asDouble();
    return new Echoed(sum, values.size() - 1);
  }

  private ModelUnavailableException noEcho() {
    return new ModelUnavailableException("backend " + config.name() + " returned no prompt log-probabilities; "
        + "scoring needs a completions server that supports echo with logprobs (vLLM, SGLang)");
  }

  private JsonNode choiceAt(JsonNode response, int index) {
    for (JsonNode choice : response.path("choices")) if (choice.path("index").asInt(-1) == index) return choice;
    JsonNode byPosition = response.path("choices").path(index);
    if (byPosition.isMissingNode()) throw new ModelUnavailableException("backend " + config.name() + " returned no choice " + index);
    return byPosition;
  }

  // ---------------------------------------------------------------- one attempt

  private Generation streamOnce(URI uri, ObjectNode body, GenerationOptions options, TokenListener listener, long start)
      throws CallFailure {
    HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(uri, body, BodyHandlers.ofPublisher(), config.readTimeout());
    if (response.statusCode() != 200) throw failure(response.statusCode(), drain(response.body()), response);
    StopStrings stops = new StopStrings(options.stop());
    int pieces = 0;
    long firstToken = -1;
    FinishReason reason = FinishReason.END;
    try (SseStream events = new SseStream(response.body())) {
      while (true) {
        Duration left = timeLeft(start, options.deadline());
        Duration wait = left.compareTo(config.readTimeout()) < 0 ? left : config.readTimeout();
        SseStream.Next next = events.next(wait);
        if (next instanceof SseStream.End) break;
        if (next instanceof SseStream.Timeout) {
          if (timeLeft(start, options.deadline()).isZero()) { reason = FinishReason.DEADLINE; break; }
          // Once text has reached the listener a retry would repeat it, so a stall then is final.
          throw new CallFailure("no data for " + config.readTimeout().toMillis() + " ms", pieces == 0, null);
        }
        JsonNode chunk = parse(((SseStream.Data) next).data());
        JsonNode choice = chunk.path("choices").path(0);
        String piece = config.mode() == RemoteBackendConfig.Mode.CHAT
            ? choice.path("delta").path("content").asText("")
            : choice.path("text").asText("");
        if (!piece.isEmpty()) {
          if (firstToken < 0) firstToken = nanoClock.getAsLong() - start;
          pieces++;
          String out = stops.accept(piece);
          if (!out.isEmpty()) listener.onToken(out);
          if (stops.stopped()) { reason = FinishReason.STOP; break; }
        }
        if (choice.hasNonNull("finish_reason")) reason = finishReason(choice.path("finish_reason").asText());
      }
    } catch (IOException e) {
      throw new CallFailure("event stream broke: " + e.getMessage(), pieces == 0, null);
    }
    String rest = stops.flush();
    if (!rest.isEmpty()) listener.onToken(rest);
    long total = nanoClock.getAsLong() - start;
    return new Generation(stops.text(), pieces, reason, firstToken < 0 ? total : firstToken, total);
  }

  private Generation completeOnce(URI uri, ObjectNode body, GenerationOptions options, TokenListener listener, long start)
      throws CallFailure {
    Duration left = timeLeft(start, options.deadline());
    if (left.isZero()) return new Generation("", 0, FinishReason.DEADLINE, 0, nanoClock.getAsLong() - start);
    JsonNode response = postJson(uri, body, left.compareTo(config.readTimeout()) < 0 ? left : config.readTimeout());
    JsonNode choice = response.path("choices").path(0);
    String raw = config.mode() == RemoteBackendConfig.Mode.CHAT
        ? choice.path("message").path("content").asText("")
        : choice.path("text").asText("");
    StopStrings stops = new StopStrings(options.stop());
    String text = stops.accept(raw) + stops.flush();
    if (!text.isEmpty()) listener.onToken(text);
    FinishReason reason = stops.stopped() ? FinishReason.STOP : finishReason(choice.path("finish_reason").asText("stop"));
    int tokens = response.path("usage").path("completion_tokens").asInt(text.codePointCount(0, text.length()));
    long total = nanoClock.getAsLong() - start;
    return new Generation(text, tokens, reason, total, total);
  }

  private JsonNode postJson(URI uri, ObjectNode body, Duration timeout) throws CallFailure {
    HttpResponse<String> response = send(uri, body, BodyHandlers.ofString(StandardCharsets.UTF_8), timeout);
    if (response.statusCode() != 200) throw failure(response.statusCode(), response.body(), response);
    return parse(response.body());
  }

  private <T> HttpResponse<T> send(URI uri, ObjectNode body, HttpResponse.BodyHandler<T> handler, Duration timeout)
      throws CallFailure {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Accept", config.stream() ? "text/event-stream, application/json" : "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    if (!config.apiKey().isEmpty()) request.header("Authorization", "Bearer " + config.apiKey());
    CompletableFuture<HttpResponse<T>> future = http.sendAsync(request.build(), handler);
    try {
      // The request timeout covers the headers only; this bound covers a body read into memory as well.
      return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new CallFailure("no response within " + timeout.toMillis() + " ms", true, null);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof HttpTimeoutException) {
        throw new CallFailure("no response within " + timeout.toMillis() + " ms", true, null);
      }
      throw new CallFailure(cause.getClass().getSimpleName() + ": " + cause.getMessage(), true, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelUnavailableException("interrupted while calling backend " + config.name(), e);
    }
  }

  // ---------------------------------------------------------------- retries and the breaker

  @FunctionalInterface
  private interface Attempt<T> {
    T run() throws CallFailure;
  }

  /** Why one attempt failed; {@code retryable} for 429, 5xx, timeouts and broken connections. */
  private static final class CallFailure extends Exception {
    final boolean retryable;
    final Duration retryAfter;
    final boolean clientError;

    CallFailure(String message, boolean retryable, Duration retryAfter) { this(message, retryable, retryAfter, false); }

    CallFailure(String message, boolean retryable, Duration retryAfter, boolean clientError) {
      super(message);
      this.retryable = retryable;
      this.retryAfter = retryAfter;
      this.clientError = clientError;
    }
  }

  private <T> T withRetries(long start, Duration deadline, Attempt<T> attempt) {
    if (!breaker.tryAcquire()) {
      throw new ModelUnavailableException(unavailableReason().orElse("backend " + config.name() + " is failing (circuit open)"));
    }
    AtomicInteger attempts = new AtomicInteger();
    try {
      T result = Retry.of(config.name(), retryPolicy(start, deadline, attempts::get)).executeCallable(() -> {
        attempts.incrementAndGet();
        return attempt.run();
      });
      breaker.recordSuccess();
      return result;
    } catch (CallFailure f) {
      if (Thread.currentThread().isInterrupted()) {
        throw new ModelUnavailableException("interrupted while waiting to retry", f); // Retry's wait was cut short
      }
      if (f.clientError) {
        breaker.recordNeutral(); // the backend is up; the request or the configuration is wrong
        throw new ModelUnavailableException("backend " + config.name() + " refused the request: " + f.getMessage(), f);
      }
      CallFailure last = f;
      if (f.retryable && attempts.get() <= config.maxRetries() && tooLongToWait(f)) {
        last = new CallFailure(f.getMessage() + "; not retried: the server asked for " + f.retryAfter.toSeconds()
            + " s, longer than the " + config.maxBackoff().toMillis() + " ms allowed between tries", false, null);
      }
      breaker.recordFailure();
      int n = attempts.get();
      throw new ModelUnavailableException("backend " + config.name() + " failed after " + n + " attempt"
          + (n == 1 ? "" : "s") + ": " + last.getMessage(), last);
    } catch (RuntimeException e) {
      breaker.recordNeutral(); // a listener or caller fault says nothing about the backend
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e); // an attempt throws nothing else
    }
  }

  /**
   * How one call is retried: at most {@code maxRetries} more tries, each after {@link #backoff}, for a retryable
   * failure whose Retry-After is within the maximum pause, while the deadline leaves more than that pause.
   *
   * @param attempts the tries made so far in this call
   */
  RetryConfig retryPolicy(long start, Duration deadline, IntSupplier attempts) {
    return RetryConfig.custom()
        .maxAttempts(config.maxRetries() + 1)
        .intervalBiFunction((retry, failure) -> backoff(retry, ((CallFailure) failure.getLeft()).retryAfter).toMillis())
        .retryOnException(e -> e instanceof CallFailure f && f.retryable
            // a longer Retry-After: sooner than asked would only add load; later would hold the user's turn
            && !tooLongToWait(f)
            // no time left for another try
            && timeLeft(start, deadline).compareTo(backoff(attempts.getAsInt(), f.retryAfter)) > 0)
        .build();
  }

  private boolean tooLongToWait(CallFailure f) {
    return f.retryAfter != null && f.retryAfter.compareTo(config.maxBackoff()) > 0;
  }

  /**
   * Exponential backoff from the initial pause, doubled per retry, at most the maximum; a server's Retry-After (no
   * longer than the maximum: a longer one ends the tries) wins.
   */
  Duration backoff(int retry, Duration retryAfter) {
    Duration max = config.maxBackoff();
    if (retryAfter != null) return retryAfter.compareTo(max) > 0 ? max : retryAfter;
    long nanos = config.initialBackoff().toNanos() << Math.min(retry - 1, 20);
    return nanos > max.toNanos() || nanos < 0 ? max : Duration.ofNanos(nanos);
  }

  private Duration timeLeft(long start, Duration deadline) {
    if (deadline == null) return Duration.ofDays(1);
    long left = deadline.toNanos() - (nanoClock.getAsLong() - start);
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  private static CallFailure failure(int status, String body, HttpResponse<?> response) {
    Duration retryAfter = response.headers().firstValue("Retry-After").map(OpenAiCompatibleModel::retryAfter).orElse(null);
    String message = "HTTP " + status + (retryAfter == null ? "" : " (Retry-After " + retryAfter.toSeconds() + " s)")
        + (body == null || body.isBlank() ? "" : ": " + abbreviate(body));
    boolean retryable = status == 429 || status >= 500;
    return new CallFailure(message, retryable, retryAfter, !retryable);
  }

  /** A Retry-After header: delay-seconds or an HTTP date (RFC 9110); null when it is neither. */
  static Duration retryAfter(String header) {
    String value = header.strip();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException e) {
      try {
        Duration d = Duration.between(java.time.Instant.now(),
            java.time.ZonedDateTime.parse(value, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (java.time.format.DateTimeParseException bad) {
        return null; // unreadable: fall back to our own backoff
      }
    }
  }

  private static String drain(Flow.Publisher<List<ByteBuffer>> body) {
    HttpResponse.BodySubscriber<String> text = BodySubscribers.ofString(StandardCharsets.UTF_8);
    body.subscribe(text);
    try {
      return text.getBody().toCompletableFuture().get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      return "";
    }
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() > 300 ? one.substring(0, 300) + "…" : one;
  }

  private JsonNode parse(String text) throws CallFailure {
    try {
      return json.readTree(text);
    } catch (IOException e) {
      throw new CallFailure("unreadable response: " + abbreviate(text), false, null);
    }
  }

  private static FinishReason finishReason(String s) {
    return "length".equals(s) ? FinishReason.LENGTH : FinishReason.END;
  }

  // ---------------------------------------------------------------- request body

  private ObjectNode samplingBody(GenerationOptions o) {
    ObjectNode body = json.createObjectNode();
    body.put("model", config.model());
    body.put("max_tokens", o.maxNewTokens());
    body.put("temperature", o.greedy() ? 0.0 : o.temperature());
    if (!o.greedy()) body.put("top_p", o.topP());
    body.put("seed", o.seed());
    // OpenAI takes at most four stop strings; we cut at all of them on our side anyway.
    ArrayNode stop = body.putArray("stop");
    o.stop().stream().limit(4).forEach(stop::add);
    if (config.samplingExtensions()) {
      body.put("top_k", o.greedy() ? 1 : o.topK());
      body.put("repetition_penalty", o.repetitionPenalty());
    }
    return body;
  }
}
