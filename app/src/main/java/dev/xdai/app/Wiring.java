package dev.xdai.app;

import dev.xdai.app.observe.PipelineSpans;
import io.opentelemetry.api.trace.Tracer;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xdai.app.security.AccessPolicy;
import dev.xdai.app.security.ApiKeys;
import dev.xdai.app.security.RateLimits;
import dev.xdai.dialogue.ResponseBankReplies;
import dev.xdai.dialogue.Switches;
import dev.xdai.dialogue.answer.AnswerConfidence;
import dev.xdai.dialogue.rank.ReplyFeatures;
import dev.xdai.dialogue.rank.ReplyRank;
import dev.xdai.knowledge.ingest.ConversationReader;
import dev.xdai.retrieval.bank.BankFilter;
import org.apache.commons.codec.digest.DigestUtils;
import dev.xdai.retrieval.bank.ResponseBank;
import dev.xdai.dialogue.answer.Answerer;
import dev.xdai.dialogue.BackgroundComposer;
import dev.xdai.dialogue.ConditionComposer;
import dev.xdai.dialogue.DialogueService;
import dev.xdai.dialogue.FaithfulnessGuard;
import dev.xdai.dialogue.HistorySelector;
import dev.xdai.dialogue.KnowledgeInjector;
import dev.xdai.dialogue.JournaledSessionStore;
import dev.xdai.dialogue.Neo4jSessionStore;
import dev.xdai.dialogue.PostProcessor;
import dev.xdai.dialogue.ReplyGenerator;
import dev.xdai.dialogue.SessionStore;
import dev.xdai.dialogue.SessionWriters;
import dev.xdai.dialogue.SharedPersonas;
import dev.xdai.dialogue.TurnPipeline;
import dev.xdai.evaluation.cli.ProjectPaths;
import dev.xdai.generation.GenerationOptions;
import dev.xdai.generation.LanguageModel;
import dev.xdai.generation.embedded.EmbeddedGlm;
import dev.xdai.generation.embedded.EmbeddedGlmConfig;
import dev.xdai.generation.inverse.InversePromptingConfig;
import dev.xdai.generation.inverse.InversePromptingReranker;
import dev.xdai.generation.remote.OpenAiCompatibleModel;
import dev.xdai.generation.remote.RemoteBackendConfig;
import dev.xdai.graph.GraphConnection;
import dev.xdai.graph.GraphServerConfig;
import dev.xdai.knowledge.demo.DemoPacks;
import dev.xdai.knowledge.ingest.KnowledgeImporter;
import dev.xdai.knowledge.ingest.KnowledgeSchema;
import dev.xdai.knowledge.ingest.Packs;
import dev.xdai.knowledge.sync.IndexSync;
import dev.xdai.knowledge.sync.KnowledgeSink;
import dev.xdai.personas.ContentRoot;
import dev.xdai.personas.PersonaCatalog;
import dev.xdai.personas.PersonaDirectoryWatcher;
import dev.xdai.personas.PersonaRegistry;
import dev.xdai.prompting.HistoryOrder;
import dev.xdai.retrieval.Embedder;
import dev.xdai.retrieval.KnowledgeSource;
import dev.xdai.retrieval.Retrieval;
import dev.xdai.retrieval.embed.CachingEmbedder;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The one place where the core is assembled from configuration: CDI producers over plain constructors. The core
 * modules know nothing of CDI; every bean here is a singleton closed on shutdown.
 */
public class Wiring {

  private static final Logger LOG = Logger.getLogger(Wiring.class);

  // ---- paths ---------------------------------------------------------------------------------------------------------

  /** {@code p} against the project checkout (shipped model, graph-server build), which the launcher names. */
  static Path resolve(Path p) {
    return p.isAbsolute() ? p : ProjectPaths.root().resolve(p).normalize();
  }

  /** The data directory (graph, index, sessions, service file), absolute. */
  public static Path dataDir(XdaiConfig config) {
    return resolve(config.dataDir()).toAbsolutePath();
  }

  /** The API keys file: {@code xdai.access-control.keys-file}, relative to the data directory. */
  public static Path keysFile(XdaiConfig config) {
    Path p = config.accessControl().keysFile();
    return p.isAbsolute() ? p : dataDir(config).resolve(p).normalize();
  }

  // ---- access control ------------------------------------------------------------------------------------------------

  @Produces
  @Singleton
  ApiKeys apiKeys(XdaiConfig config) {
    return new ApiKeys(keysFile(config));
  }

  @Produces
  @Singleton
  AccessPolicy accessPolicy(XdaiConfig config) {
    return new AccessPolicy(config.accessControl().allowedOrigins().orElse(java.util.List.of()));
  }

  @Produces
  @Singleton
  RateLimits rateLimits(XdaiConfig config) {
    return new RateLimits(config.accessControl().requestsPerMinute(), config.accessControl().tokensPerMinute());
  }

  // ---- the model -----------------------------------------------------------------------------------------------------

  @Produces
  @Singleton
  LanguageModel model(XdaiConfig config) {
    try {
      if (config.model().backend() == XdaiConfig.Model.Backend.REMOTE) {
        XdaiConfig.Model.Remote r = config.model().remote();
        String url = r.baseUrl().orElseThrow(() -> new IllegalStateException("xdai.model.remote.base-url is not set"));
        RemoteBackendConfig defaults = RemoteBackendConfig.of(java.net.URI.create(url), r.modelName(), r.mode());
        return new OpenAiCompatibleModel(defaults.withApiKey(r.apiKey().orElse("")).withPromptForm(r.promptForm())
            .withStream(r.stream()).withTimeouts(r.connectTimeout(), r.readTimeout())
            .withRetries(r.maxRetries(), defaults.initialBackoff(), r.maxBackoff())
            .withBreaker(r.breakerFailures(), r.breakerCoolDown()).withContextLength(r.contextLength())
            .withSamplingExtensions(r.samplingExtensions()));
      }
      Path dir = resolve(config.model().path());
      return EmbeddedGlm.load(EmbeddedGlmConfig.of(dir).withPermits(config.model().concurrency(), Duration.ofSeconds(30)));
    } catch (RuntimeException e) {
      String reason = "no language model is available: " + e.getMessage();
      LOG.error(reason);
      return new UnavailableModel(reason);
    }
  }

  void closeModel(@Disposes LanguageModel model) {
    model.close();
  }

  // ---- retrieval -----------------------------------------------------------------------------------------------------

  @Produces
  @Singleton
  Retrieval retrieval(XdaiConfig config, TurnMetrics metrics) {
    Retrieval retrieval = Retrieval.open(Retrieval.Settings.defaults(dataDir(config).resolve("index")));
    metrics.watch(EMBEDDINGS, retrieval.embedder().cache());
    return retrieval;
  }

  /** The caches' names in the metrics ({@code cache_*{cache=...}}). */
  static final String EMBEDDINGS = "xdai.embeddings", CONVERSATIONS = "xdai.conversations",
      HISTORY_KNOWLEDGE = "xdai.history.knowledge";

  void closeRetrieval(@Disposes Retrieval retrieval) {
    retrieval.close();
  }

  @Produces
  @Singleton
  CachingEmbedder embedder(Retrieval retrieval) {
    return retrieval.embedder();
  }

  @Produces
  @Singleton
  KnowledgeSource knowledgeSource(Retrieval retrieval) {
    return retrieval.source();
  }

  // ---- the graph -----------------------------------------------------------------------------------------------------

  @Produces
  @Singleton
  GraphConnection graph(XdaiConfig config) {
    XdaiConfig.Graph g = config.graph();
    GraphServerConfig settings = g.uri().isPresent()
        ? GraphServerConfig.external(g.uri().get(), g.user(), graphPassword(g))
        : localGraph(config);
    GraphConnection graph = GraphConnection.open(settings);
    try {
      KnowledgeSchema.ensure(graph);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
    // On SIGTERM the service's own shutdown still writes to the graph (journaled turns, its writer registration)
    // before it stops the server: the launcher's safety-net hook waits for that instead of racing it.
    graph.launcher().ifPresent(l -> l.awaitOwnerAtExit(Duration.ofSeconds(30)));
    return graph;
  }

  /** The external server's password: {@code xdai.graph.password}, else the first line of {@code password-file}. */
  static String graphPassword(XdaiConfig.Graph g) {
    if (g.password().isPresent() || g.passwordFile().isEmpty()) return g.password().orElse("");
    Path file = g.passwordFile().get();
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the graph password file " + file + " (xdai.graph.password-file): " + e.getMessage(), e);
    }
  }

  private static GraphServerConfig localGraph(XdaiConfig config) {
    return GraphServerConfig.local(dataDir(config).resolve("graph"),
        resolve(Path.of("graph-server", "target")).toAbsolutePath(), config.graph().heap());
  }

  void closeGraph(@Disposes GraphConnection graph) {
    graph.close();
  }

  @Produces
  @Singleton
  IndexSync indexSync(XdaiConfig config, GraphConnection graph, Retrieval retrieval) {
    IndexSync sync = new IndexSync(graph, KnowledgeSink.of(retrieval.feed()), Optional.of(dataDir(config).resolve("index-sync.json")));
    sync.atStartup().ifPresent(r -> LOG.infof("knowledge index rebuilt from the graph: %s", r));
    return sync;
  }

  @Produces
  @Singleton
  KnowledgeImporter importer(GraphConnection graph, IndexSync sync) {
    return new KnowledgeImporter(graph, sync);
  }

  @Produces
  @Singleton
  Packs packs(GraphConnection graph, IndexSync sync) {
    return new Packs(graph, sync);
  }

  @Produces
  @Singleton
  DemoPacks demoPacks(GraphConnection graph, IndexSync sync) {
    return new DemoPacks(graph, sync, DemoPacks.defaultContent());
  }

  @Produces
  @Singleton
  SessionStore sessions(XdaiConfig config, GraphConnection graph, ObjectMapper json) {
    SessionStore graphStore = new Neo4jSessionStore(graph).ensureSchema();
    // Registered before the journal is replayed, and closed after it applied its last turns (closed in reverse order).
    graph.beforeClose(SessionWriters.register(graph, writerId(config), "xdai on " + hostName() + " with data " + dataDir(config),
        ownership(config), WRITER_TTL));
    if (ownership(config) == DialogueService.Ownership.SHARED) return graphStore;
    Path journal = dataDir(config).resolve("sessions.journal");
    return JournaledSessionStore.open(graphStore, journal, json).<SessionStore>map(j -> {
      graph.beforeClose(j); // CDI disposes in no set order: the journal must apply its last turns before the driver goes
      return j;
    }).orElseGet(() -> {
      LOG.warnf("%s is in use by another xdai process: turns are written to the graph directly", journal);
      return graphStore;
    });
  }

  /**
   * The replication rule, in one place: a service with a graph server of its own owns its sessions (write-behind, memory
   * trusted); over an external graph, which replicas may share, it does not (synchronous appends, memory checked).
   * {@code xdai.sessions.write-behind} overrides it.
   */
  static DialogueService.Ownership ownership(XdaiConfig config) {
    boolean owned = config.sessions().writeBehind().orElse(config.graph().uri().isEmpty());
    return owned ? DialogueService.Ownership.OWNED : DialogueService.Ownership.SHARED;
  }

  /** How long a crashed service's session-writer registration keeps others of the other ownership from starting. */
  static final Duration WRITER_TTL = Duration.ofSeconds(15);

  /** The same for this service across restarts: its host and data directory. */
  private static String writerId(XdaiConfig config) {
    return hostName() + ":" + dataDir(config);
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }

  void closeSessions(@Disposes SessionStore sessions) {
    sessions.close();
  }

  // ---- personas ------------------------------------------------------------------------------------------------------

  @Produces
  @Singleton
  PersonaRegistry personaRegistry(XdaiConfig config) {
    Path writable = dataDir(config);
    try {
      Files.createDirectories(writable.resolve("personas"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create " + writable.resolve("personas") + ": " + e.getMessage(), e);
    }
    PersonaRegistry registry = PersonaRegistry.load(List.of(ContentRoot.classpath(Wiring.class.getClassLoader(), "")), writable);
    registry.problems().forEach(p -> LOG.warnf("persona file skipped: %s", p));
    return registry;
  }

  /** Personas written through the API, on every replica sharing the graph. */
  @Produces
  @Singleton
  SharedPersonas sharedPersonas(PersonaRegistry registry, GraphConnection graph) {
    return new SharedPersonas(registry, graph);
  }

  @Produces
  @Singleton
  Optional<PersonaDirectoryWatcher> personaWatcher(XdaiConfig config, PersonaRegistry registry) {
    if (!config.personas().watch()) return Optional.empty();
    PersonaDirectoryWatcher watcher = PersonaDirectoryWatcher.forRegistry(registry, Duration.ofMillis(300));
    try {
      watcher.start();
    } catch (java.io.IOException e) {
      LOG.warnf("persona directory not watched: %s", e.getMessage());
    }
    return Optional.of(watcher);
  }

  void closeWatcher(@Disposes Optional<PersonaDirectoryWatcher> watcher) {
    watcher.ifPresent(PersonaDirectoryWatcher::close);
  }

  // ---- the pipeline --------------------------------------------------------------------------------------------------

  @Produces
  @Singleton
  TurnPipeline pipeline(XdaiConfig config, LanguageModel model, KnowledgeSource knowledge, PersonaCatalog personas,
      ResponseBank bank, Embedder embedder, Tracer tracer, TurnMetrics metrics) {
    XdaiConfig.History h = config.history();
    XdaiConfig.Knowledge k = config.knowledge();
    XdaiConfig.Generation g = config.generation();
    var counter = model.info().tokenCounter();
    var history = new HistorySelector(new HistorySelector.Settings(h.alpha(), h.maxSelected(), h.tokenBudget(), h.keepLast(),
        h.order()), counter);
    var options = new GenerationOptions(g.maxNewTokens(), g.temperature(), g.topK(), g.topP(), g.repetitionPenalty(),
        g.noRepeatNgram(), List.of("|"), g.deadline(), 0L, g.copyBias());
    InversePromptingReranker reranker = new InversePromptingReranker(model, InversePromptingConfig.defaults());
    ReplyGenerator inverse = reranker::generate;
    var injector = new KnowledgeInjector(knowledge, new KnowledgeInjector.Settings(k.perHistory(), k.perQuery(), k.contextUtterances(),
        k.qaChars()));
    metrics.watch(HISTORY_KNOWLEDGE, injector.historyCache());
    return new TurnPipeline(history, injector,
        new BackgroundComposer(knowledge, new BackgroundComposer.Settings(k.descriptions(), k.descriptionChars())),
        new ConditionComposer(personas), model, inverse, new PostProcessor(g.maxReplyChars()), new FaithfulnessGuard(),
        answerer(config.answer(), g.maxReplyChars()), bankReplies(config, bank, reranker, embedder),
        new TurnPipeline.Settings(options, g.attempts(), TurnPipeline.Settings.standard().fallbackReply(),
            TurnPipeline.Settings.standard().timeoutReply(), config.answer().unknownReply()),
        new PipelineSpans(tracer));
  }

  /** How the service runs every turn: all steps, inverse prompting as configured. */
  @Produces
  @Singleton
  Switches switches(XdaiConfig config) {
    return Switches.all().withInversePrompting(config.generation().inversePrompting());
  }

  /** The bank's replies compete with the model's own, ranked by the fitted {@link ReplyRank}. */
  static ResponseBankReplies bankReplies(XdaiConfig config, ResponseBank bank, InversePromptingReranker reranker, Embedder embedder) {
    if (!config.bank().enabled()) return null;
    return new ResponseBankReplies(bank::search, new ReplyFeatures(reranker, embedder).ranker(ReplyRank.shipped()),
        config.bank().candidates());
  }

  /**
   * The response bank in {@code <data>/bank}. The shipped chit-chat bank is imported on first use, and again whenever
   * the shipped file or the bank's filter rules differ from those it was imported with.
   */
  @Produces
  @Singleton
  ResponseBank responseBank(XdaiConfig config) {
    ResponseBank bank = ResponseBank.open(dataDir(config).resolve("bank"));
    if (!config.bank().enabled()) return bank;
    try (InputStream in = shippedBank()) {
      if (in != null) refreshShippedBank(bank, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot import the shipped response bank", e);
    }
    return bank;
  }

  /**
   * Imports {@code shipped} (the chit-chat TSV) into {@code bank} when the bank is empty, or holds an earlier import of
   * the shipped file made from another file or under other filter rules; says whether it did. A bank a user imported
   * under the same name is theirs and is kept.
   */
  static boolean refreshShippedBank(ResponseBank bank, byte[] shipped) throws IOException {
    String fingerprint = "filter " + BankFilter.VERSION + ", sha-256 " + DigestUtils.sha256Hex(shipped);
    if (bank.size(SHIPPED_BANK) > 0
        && (!SHIPPED_SOURCE.equals(bank.source(SHIPPED_BANK)) || fingerprint.equals(bank.fingerprint(SHIPPED_BANK)))) {
      return false;
    }
    bank.replace(SHIPPED_BANK, ConversationReader.read(new ByteArrayInputStream(shipped), "chitchat.tsv", SHIPPED_SOURCE),
        fingerprint);
    return true;
  }

  static final String SHIPPED_BANK = "chitchat";
  /** The source of the shipped bank's entries, which tells them from a user's import under the same name. */
  static final String SHIPPED_SOURCE = "bank:" + SHIPPED_BANK;

  private static InputStream shippedBank() throws IOException {
    InputStream in = Wiring.class.getClassLoader().getResourceAsStream("bank/chitchat.tsv");
    if (in != null) return in;
    Path file = resolve(Path.of("src/main/resources/bank/chitchat.tsv"));
    return Files.exists(file) ? Files.newInputStream(file) : null;
  }

  void closeResponseBank(@Disposes ResponseBank bank) {
    bank.close();
  }

  static Answerer answerer(XdaiConfig.Answer a, int maxReplyChars) {
    AnswerConfidence shipped = AnswerConfidence.shipped();
    return new Answerer(a.threshold().map(shipped::withThreshold).orElse(shipped),
        new Answerer.Settings(a.maxQuotes(), a.maxQuoteChars(), maxReplyChars, a.tailTokens()));
  }

  @Produces
  @Singleton
  @DefaultBean
  DialogueService dialogue(XdaiConfig config, TurnPipeline pipeline, SessionStore sessions, PersonaCatalog personas,
      CachingEmbedder embedder, TurnMetrics metrics) {
    DialogueService dialogue = new DialogueService(pipeline, sessions, personas, embedder,
        new DialogueService.Limits(config.limits().maxTextChars(), config.limits().maxTurns()), ownership(config));
    metrics.watch(dialogue);
    metrics.watch(CONVERSATIONS, dialogue.conversationCache());
    return dialogue;
  }

  void closeDialogue(@Disposes DialogueService dialogue) {
    dialogue.close();
  }
}
