package dev.xdai.generation.remote;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One OpenAI-compatible backend: where it is ({@code baseUrl} up to and including {@code /v1}, as OpenAI clients
 * take it), how to authenticate, which model, and whether to send the prompt to {@code /completions} (a base model)
 * or render it as messages for {@code /chat/completions} (a chat model). Also its timeouts, retries with exponential
 * backoff on 429/5xx, and circuit breaker.
 *
 * @param promptForm what a completions backend is sent of the GLM prompt (ignored in chat mode)
 * @param samplingExtensions send {@code top_k} and {@code repetition_penalty}, which vLLM and SGLang accept and
 *     OpenAI rejects
 */
public record RemoteBackendConfig(String name, URI baseUrl, String apiKey, String model, Mode mode, PromptForm promptForm,
    boolean stream, Duration connectTimeout, Duration readTimeout, int maxRetries, Duration initialBackoff,
    Duration maxBackoff, int breakerFailures, Duration breakerCoolDown, int contextLength, boolean samplingExtensions) {

  /** Which endpoint, and so which prompt form, the backend takes. */
  public enum Mode { COMPLETIONS, CHAT }

  /**
   * How a completions backend is sent the manufactured prompt. {@code PREFIX}: the text before the blank (ending in
   * {@code B:}), for a causal model such as GLM-4 served by vLLM or SGLang, which continues text and cannot fill a blank
   * in the middle; what follows the blank (the post-response) is not sent. {@code BLANK}: the whole prompt with its
   * {@code [MASK]}/{@code [gMASK]}, for a server that fills GLM blanks itself; such a server has no standard way to
   * return a fill's likelihood, so it cannot score.
   */
  public enum PromptForm { PREFIX, BLANK }

  public RemoteBackendConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(promptForm, "promptForm");
    name = name == null || name.isBlank() ? baseUrl.getHost() : name;
    apiKey = apiKey == null ? "" : apiKey;
    if (maxRetries < 0) throw new IllegalArgumentException("maxRetries must be >= 0");
    if (breakerFailures < 1) throw new IllegalArgumentException("breakerFailures must be >= 1");
    if (contextLength < 1) throw new IllegalArgumentException("contextLength must be >= 1");
  }

  /**
   * Sensible defaults: the prompt's prefix, streaming, 5 s to connect, 30 s to read, 2 retries from 200 ms (at most
   * 5 s apart, a server's Retry-After included), breaker after 5 failed calls for 30 s, 2048 tokens of context, no
   * sampling extensions.
   */
  public static RemoteBackendConfig of(URI baseUrl, String model, Mode mode) {
    return new RemoteBackendConfig(null, baseUrl, "", model, mode, PromptForm.PREFIX, true, Duration.ofSeconds(5),
        Duration.ofSeconds(30), 2, Duration.ofMillis(200), Duration.ofSeconds(5), 5, Duration.ofSeconds(30), 2048, false);
  }

  public RemoteBackendConfig withApiKey(String key) {
    return new Builder(this).apiKey(key).build();
  }

  public RemoteBackendConfig withStream(boolean s) {
    return new Builder(this).stream(s).build();
  }

  public RemoteBackendConfig withTimeouts(Duration connect, Duration read) {
    return new Builder(this).timeouts(connect, read).build();
  }

  /** @param max the longest pause between two tries; a server asking for a longer one is not tried again */
  public RemoteBackendConfig withRetries(int retries, Duration initial, Duration max) {
    return new Builder(this).retries(retries, initial, max).build();
  }

  public RemoteBackendConfig withBreaker(int failures, Duration coolDown) {
    return new Builder(this).breaker(failures, coolDown).build();
  }

  public RemoteBackendConfig withPromptForm(PromptForm form) {
    return new Builder(this).promptForm(form).build();
  }

  public RemoteBackendConfig withContextLength(int tokens) {
    return new Builder(this).contextLength(tokens).build();
  }

  public RemoteBackendConfig withSamplingExtensions(boolean on) {
    return new Builder(this).samplingExtensions(on).build();
  }

  /** The endpoint URL for this backend's mode. */
  public URI endpoint(String path) {
    String base = baseUrl.toString();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
  }

  /** A copy of a config with some values changed (null: unchanged): the one place the components are listed to copy. */
  private static final class Builder {
    private final RemoteBackendConfig c;
    private String apiKey;
    private PromptForm promptForm;
    private Boolean stream, samplingExtensions;
    private Duration connectTimeout, readTimeout, initialBackoff, maxBackoff, breakerCoolDown;
    private Integer maxRetries, breakerFailures, contextLength;

    Builder(RemoteBackendConfig c) { this.c = c; }

    Builder apiKey(String key) { apiKey = key; return this; }
    Builder promptForm(PromptForm form) { promptForm = form; return this; }
    Builder stream(boolean s) { stream = s; return this; }
    Builder timeouts(Duration connect, Duration read) { connectTimeout = connect; readTimeout = read; return this; }
    Builder retries(int n, Duration initial, Duration max) { maxRetries = n; initialBackoff = initial; maxBackoff = max; return this; }
    Builder breaker(int failures, Duration coolDown) { breakerFailures = failures; breakerCoolDown = coolDown; return this; }
    Builder contextLength(int tokens) { contextLength = tokens; return this; }
    Builder samplingExtensions(boolean on) { samplingExtensions = on; return this; }

    RemoteBackendConfig build() {
      return new RemoteBackendConfig(c.name, c.baseUrl, or(apiKey, c.apiKey), c.model, c.mode, or(promptForm, c.promptForm),
          or(stream, c.stream), or(connectTimeout, c.connectTimeout), or(readTimeout, c.readTimeout),
          or(maxRetries, c.maxRetries), or(initialBackoff, c.initialBackoff), or(maxBackoff, c.maxBackoff),
          or(breakerFailures, c.breakerFailures), or(breakerCoolDown, c.breakerCoolDown), or(contextLength, c.contextLength),
          or(samplingExtensions, c.samplingExtensions));
    }

    private static <T> T or(T changed, T unchanged) { return changed != null ? changed : unchanged; }
  }
}
