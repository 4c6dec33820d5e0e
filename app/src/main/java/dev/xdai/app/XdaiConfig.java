package dev.xdai.app;

import dev.xdai.generation.embedded.EmbeddedGlm;
import dev.xdai.graph.GraphServerConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The service's whole configuration, in one tree ({@code xdai.*}); every default works offline on a laptop. The
 * defaults of the settings the core modules own are written once, in the core: its records' defaults arrive through
 * {@link CoreDefaults}, its named constants through {@code @WithDefault}.
 */
@ConfigMapping(prefix = "xdai")
public interface XdaiConfig {

  /** Where sessions, indexes, the graph database and written personas live. */
  Path dataDir();

  Model model();

  Generation generation();

  History history();

  Knowledge knowledge();

  Answer answer();

  Bank bank();

  Limits limits();

  Graph graph();

  Sessions sessions();

  Personas personas();

  AccessControl accessControl();

  /**
   * Who may call the API. With no API key the service answers anyone who reaches it, so it listens on loopback only;
   * once a key exists every request needs one.
   */
  interface AccessControl {
    /** The API keys file ({@code xdai keys} writes it); relative paths resolve against the data directory. */
    @WithDefault("keys.json")
    Path keysFile();

    /** Requests one key may make per minute. */
    @WithDefault("120")
    int requestsPerMinute();

    /** Tokens the model may generate for one key per minute. */
    @WithDefault("20000")
    int tokensPerMinute();

    /**
     * Web origins (scheme://host[:port]) other than the service's own whose pages may send state-changing requests;
     * none by default. CORS itself stays off unless {@code quarkus.http.cors} is configured.
     */
    Optional<java.util.List<String>> allowedOrigins();
  }

  /** Quoted answers: when the turn's knowledge is trusted to answer, and how much of it a reply quotes. */
  interface Answer {
    /**
     * Confidence above which a reply quotes the knowledge; absent: the threshold shipped with the calibration
     * (chosen from its precision/recall curve, see docs/results.md).
     */
    Optional<Double> threshold();

    /** Facts quoted together at most. */
    int maxQuotes();

    /**
     * The longest span quoted from one answer, in characters (whole clauses, so a span may run over); chosen on the
     * training conversations (docs/results.md).
     */
    int maxQuoteChars();

    /** How many tokens the model may add after a quoted frame (a remark, a question back); 0 adds nothing. */
    int tailTokens();

    /** What the bot says when nothing it knows answers, unless its persona has words of its own. */
    String unknownReply();
  }

  /** The response bank: replies of real conversations that compete with the model's own in chit-chat. */
  interface Bank {
    /** Off: the model words every reply that quotes nothing. */
    @WithDefault("true")
    boolean enabled();

    /** How many bank replies the model ranks against its own each turn. */
    @WithDefault("8")
    int candidates();
  }

  /** The language model backend. */
  interface Model {
    /** {@code embedded} (the shipped GLM, in-process) or {@code remote} (an OpenAI-compatible server). */
    @WithDefault("embedded")
    Backend backend();

    /** Where the language model runs. */
    enum Backend { EMBEDDED, REMOTE }

    /** Directory of the embedded model; relative paths resolve against the project root. */
    @WithDefault(EmbeddedGlm.DEFAULT_DIR)
    Path path();

    /** Generations that may run at once; more wait. */
    int concurrency();

    Remote remote();

    /** An OpenAI-compatible endpoint serving a GLM (vLLM, SGLang, a hosted API). */
    interface Remote {
      Optional<String> baseUrl();

      Optional<String> apiKey();

      @WithDefault("glm")
      String modelName();

      /** {@code completions} for a base GLM ({@code /v1/completions}), {@code chat} for a chat model. */
      @WithDefault("completions")
      dev.xdai.generation.remote.RemoteBackendConfig.Mode mode();

      /**
       * What a completions backend is sent: {@code prefix}, the prompt before its blank (a causal model such as GLM-4 on
       * vLLM or SGLang continues it; it can also score replies), or {@code blank}, the whole prompt with its
       * {@code [MASK]} (a server that fills GLM blanks itself; it cannot score). See docs/remote-model.md.
       */
      dev.xdai.generation.remote.RemoteBackendConfig.PromptForm promptForm();

      /** The model's context in tokens (the engine's {@code --max-model-len}); the prompt is fitted into it. */
      int contextLength();

      /** Send {@code top_k} and {@code repetition_penalty} (vLLM and SGLang take them; OpenAI refuses them). */
      boolean samplingExtensions();

      /** Stream the reply over server-sent events. */
      boolean stream();

      Duration connectTimeout();

      /** The longest wait for the response's headers and, while streaming, between two events. */
      Duration readTimeout();

      /** Retries of a call that got 429, 5xx, a timeout or a broken connection, before any text was passed on. */
      int maxRetries();

      /** The longest pause between two tries; a server asking for a longer one (Retry-After) is not tried again. */
      Duration maxBackoff();

      /** Failed calls in a row after which the backend is not called for {@code breaker-cool-down} (503 at once). */
      int breakerFailures();

      Duration breakerCoolDown();
    }
  }

  /** Decoding defaults (a persona may override some). */
  interface Generation {
    int maxNewTokens();

    double temperature();

    int topK();

    double topP();

    double repetitionPenalty();

    int noRepeatNgram();

    Duration deadline();

    /**
     * Logit bonus with which the embedded model keeps quoting the turn's knowledge once its reply has begun to (two
     * characters in a row found there), growing with the quote's length; 0 turns it off. Remote backends ignore it.
     */
    double copyBias();

    /** Generations tried before a defective reply is replaced. */
    int attempts();

    /** The longest reply, in characters: a generated reply is cut there, and a quoted answer is worded within it. */
    int maxReplyChars();

    /** Rerank sampled candidates by inverse prompting (the service's default for every turn). */
    @WithDefault("false")
    boolean inversePrompting();
  }

  /** History selection (step 1). */
  interface History {
    double alpha();

    int maxSelected();

    int tokenBudget();

    int keepLast();

    /** {@code dialogue} or {@code relevance}. */
    dev.xdai.prompting.HistoryOrder order();
  }

  /** Knowledge injection (step 2) and background (step 3). */
  interface Knowledge {
    int perHistory();

    int perQuery();

    /** How many of the latest utterances (both speakers) tell retrieval what the dialogue is about. */
    int contextUtterances();

    /** Each injected QA item's answer cut to this many characters (what the embedded model is trained with). */
    int qaChars();

    int descriptions();

    int descriptionChars();

    /** Import the shipped demo packs on first start. */
    @WithDefault("true")
    boolean demoPacks();

    /** Hours between periodic concept expansions of the packs (the method's scheduled curation). */
    @WithDefault("24")
    long expansionHours();

    /**
     * How often the change feed looks at the graph for packs imported or deleted elsewhere (another replica, an import
     * run on its own) and for personas written elsewhere: a change reaches this replica within this delay plus the
     * time to index what changed. One small read when nothing changed.
     */
    @WithDefault("2s")
    Duration syncInterval();
  }

  /** Limits enforced on every request. */
  interface Limits {
    int maxTextChars();

    int maxTurns();

    /** The largest API request body (JSON, a persona); Vert.x's {@code quarkus.http.limits.max-body-size} must be larger. */
    @WithDefault("1M")
    io.quarkus.runtime.configuration.MemorySize maxRequestSize();

    /** The largest upload (a knowledge file, a response bank, a Character Card). */
    @WithDefault("10M")
    io.quarkus.runtime.configuration.MemorySize maxUploadSize();
  }

  /** The Neo4j graph: an external server, or one the service starts itself. */
  interface Graph {
    /** {@code bolt://} or {@code neo4j://} of an external server; empty starts the embedded one. */
    Optional<String> uri();

    @WithDefault("neo4j")
    String user();

    Optional<String> password();

    /**
     * A file holding the password of an external server (the {@code password-file} that {@code xdai graph-server}
     * prints, or a mounted secret); used when {@code password} is not set.
     */
    Optional<Path> passwordFile();

    @WithDefault(GraphServerConfig.DEFAULT_HEAP)
    String heap();
  }

  /** How turns are stored. */
  interface Sessions {
    /**
     * Acknowledge a turn once it is in the local journal ({@code <data-dir>/sessions.journal}, forced to disk) and store
     * it in the graph right after, instead of waiting for the graph's commit: only for a service that owns its sessions.
     * Unset, it is on with the graph server the service starts itself and off with an external graph
     * ({@code xdai.graph.uri}), which other replicas may share: then each turn is committed to the graph with the
     * append check before it is acknowledged, and a turn stored first elsewhere is refused at once (409). See
     * docs/replication.md.
     */
    Optional<Boolean> writeBehind();
  }

  /** Persona files. */
  interface Personas {
    /** Watch the writable persona directory and reload changed files. */
    @WithDefault("true")
    boolean watch();
  }
}
