package dev.xdai.app;

import dev.xdai.dialogue.BackgroundComposer;
import dev.xdai.dialogue.DialogueService;
import dev.xdai.dialogue.HistorySelector;
import dev.xdai.dialogue.KnowledgeInjector;
import dev.xdai.dialogue.TurnPipeline;
import dev.xdai.dialogue.answer.Answerer;
import dev.xdai.generation.GenerationOptions;
import dev.xdai.generation.embedded.EmbeddedGlm;
import dev.xdai.generation.embedded.EmbeddedGlmConfig;
import dev.xdai.generation.remote.RemoteBackendConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The defaults of the settings the core modules own, read from the core's own default records, so that each default
 * is written once: {@link XdaiConfig} carries no {@code @WithDefault} for these keys. Below every other source: a value
 * in application.properties, a system property or an environment variable wins.
 */
public final class CoreDefaults implements ConfigSource {

  private static final Map<String, String> VALUES = values();

  static Map<String, String> values() {
    Map<String, String> m = new TreeMap<>();
    HistorySelector.Settings h = HistorySelector.Settings.defaults();
    put(m, "history.alpha", h.alpha());
    put(m, "history.max-selected", h.maxSelected());
    put(m, "history.token-budget", h.tokenBudget());
    put(m, "history.keep-last", h.keepLast());
    put(m, "history.order", h.order());
    KnowledgeInjector.Settings k = KnowledgeInjector.Settings.defaults();
    put(m, "knowledge.per-history", k.perHistory());
    put(m, "knowledge.per-query", k.perQuery());
    put(m, "knowledge.context-utterances", k.contextUtterances());
    put(m, "knowledge.qa-chars", k.maxChars());
    BackgroundComposer.Settings b = BackgroundComposer.Settings.defaults();
    put(m, "knowledge.descriptions", b.descriptions());
    put(m, "knowledge.description-chars", b.maxChars());
    Answerer.Settings a = Answerer.Settings.defaults();
    put(m, "answer.max-quotes", a.maxQuotes());
    put(m, "answer.max-quote-chars", a.maxQuoteChars());
    put(m, "answer.tail-tokens", a.tailTokens());
    put(m, "generation.max-reply-chars", a.maxReplyChars());
    TurnPipeline.Settings t = TurnPipeline.Settings.standard();
    put(m, "answer.unknown-reply", t.unknownReply());
    put(m, "generation.attempts", t.attempts());
    GenerationOptions g = t.defaults();
    put(m, "generation.max-new-tokens", g.maxNewTokens());
    put(m, "generation.temperature", g.temperature());
    put(m, "generation.top-k", g.topK());
    put(m, "generation.top-p", g.topP());
    put(m, "generation.repetition-penalty", g.repetitionPenalty());
    put(m, "generation.no-repeat-ngram", g.noRepeatNgram());
    put(m, "generation.deadline", g.deadline());
    put(m, "generation.copy-bias", g.copyBias());
    DialogueService.Limits l = DialogueService.Limits.defaults();
    put(m, "limits.max-text-chars", l.maxTextChars());
    put(m, "limits.max-turns", l.maxTurns());
    put(m, "model.concurrency", EmbeddedGlmConfig.of(Path.of(EmbeddedGlm.DEFAULT_DIR)).permits());
    // The endpoint, model and mode are placeholders: only the defaults of the other settings are read.
    RemoteBackendConfig r = RemoteBackendConfig.of(URI.create("http://localhost/v1"), "glm", RemoteBackendConfig.Mode.COMPLETIONS);
    put(m, "model.remote.prompt-form", r.promptForm());
    put(m, "model.remote.context-length", r.contextLength());
    put(m, "model.remote.sampling-extensions", r.samplingExtensions());
    put(m, "model.remote.stream", r.stream());
    put(m, "model.remote.connect-timeout", r.connectTimeout());
    put(m, "model.remote.read-timeout", r.readTimeout());
    put(m, "model.remote.max-retries", r.maxRetries());
    put(m, "model.remote.max-backoff", r.maxBackoff());
    put(m, "model.remote.breaker-failures", r.breakerFailures());
    put(m, "model.remote.breaker-cool-down", r.breakerCoolDown());
    return Map.copyOf(m);
  }

  private static void put(Map<String, String> m, String key, Object value) {
    m.put("xdai." + key, String.valueOf(value));
  }

  @Override public Map<String, String> getProperties() { return VALUES; }

  @Override public Set<String> getPropertyNames() { return VALUES.keySet(); }

  @Override public String getValue(String name) { return VALUES.get(name); }

  @Override public String getName() { return "xdai core defaults"; }

  /** Just above the mapping's own defaults, below application.properties (250) and everything else. */
  @Override public int getOrdinal() { return 1; }
}
