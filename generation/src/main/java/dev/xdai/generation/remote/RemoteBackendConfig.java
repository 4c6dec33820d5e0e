package dev.xdai.generation.remote;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One OpenAI-compatible backend: where it is ({@code baseUrl} up to and including {@code /v1}, as OpenAI clients
 * take it), how to authenticate, which model, and whether to send the raw blank-infilling prompt to
 * {@code /completions} (a base GLM) or the prompt rendered as messages to {@code /chat/completions} (a chat model).
 * Also its timeouts, retries with exponential backoff on 429/5xx, and circuit breaker.
 *
 * @param samplingExtensions send {@code top_k} and {@code repetition_penalty}, which vLLM and SGLang accept and
 *     OpenAI rejects
 */
public record RemoteBackendConfig(String name, URI baseUrl, String apiKey, String model, Mode mode, boolean stream,
    Duration connectTimeout, Duration readTimeout, int maxRetries, Duration initialBackoff, Duration maxBackoff,
    int breakerFailures, Duration breakerCoolDown, int contextLength, boolean samplingExtensions) {

  /** Which endpoint, and so which prompt form, the backend takes. */
  public enum Mode { COMPLETIONS, CHAT }

  public RemoteBackendConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(mode, "mode");
    name = name == null || name.isBlank() ? baseUrl.getHost() : name;
    apiKey = apiKey == null ? "" : apiKey;
    if (maxRetries < 0) throw new IllegalArgumentException("maxRetries must be >= 0");
    if (breakerFailures < 1) throw new IllegalArgumentException("breakerFailures must be >= 1");
  }

  /** Sensible defaults: streaming, 5 s to connect, 30 s to read, 2 retries from 200 ms, breaker after 5 failures for 30 s. */
  public static RemoteBackendConfig of(URI baseUrl, String model, Mode mode) {
    return new RemoteBackendConfig(null, baseUrl, "", model, mode, true, Duration.ofSeconds(5), Duration.ofSeconds(30), 2,
        Duration.ofMillis(200), Duration.ofSeconds(5), 5, Duration.ofSeconds(30), 4096, false);
  }

  public RemoteBackendConfig withApiKey(String key) {
    return new RemoteBackendConfig(name, baseUrl, key, model, mode, stream, connectTimeout, readTimeout, maxRetries,
        initialBackoff, maxBackoff, breakerFailures, breakerCoolDown, contextLength, samplingExtensions);
  }

  public RemoteBackendConfig withStream(boolean s) {
    return new RemoteBackendConfig(name, baseUrl, apiKey, model, mode, s, connectTimeout, readTimeout, maxRetries,
        initialBackoff, maxBackoff, breakerFailures, breakerCoolDown, contextLength, samplingExtensions);
  }

  public RemoteBackendConfig withTimeouts(Duration connect, Duration read) {
    return new RemoteBackendConfig(name, baseUrl, apiKey, model, mode, stream, connect, read, maxRetries,
        initialBackoff, maxBackoff, breakerFailures, breakerCoolDown, contextLength, samplingExtensions);
  }

  public RemoteBackendConfig withRetries(int retries, Duration initial, Duration max) {
    return new RemoteBackendConfig(name, baseUrl, apiKey, model, mode, stream, connectTimeout, readTimeout, retries,
        initial, max, breakerFailures, breakerCoolDown, contextLength, samplingExtensions);
  }

  public RemoteBackendConfig withBreaker(int failures, Duration coolDown) {
    return new RemoteBackendConfig(name, baseUrl, apiKey, model, mode, stream, connectTimeout, readTimeout, maxRetries,
        initialBackoff, maxBackoff, failures, coolDown, contextLength, samplingExtensions);
  }

  /** The endpoint URL for this backend's mode. */
  public URI endpoint(String path) {
    String base = baseUrl.toString();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
  }
}
