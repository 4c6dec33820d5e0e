package dev.xdai.app.cli;

import dev.xdai.app.Wiring;
import dev.xdai.app.XdaiConfig;
import dev.xdai.app.eval.PipelineUnderTest;
import dev.xdai.dialogue.Access;
import dev.xdai.dialogue.DialogueService;
import dev.xdai.dialogue.Session;
import dev.xdai.dialogue.Switches;
import dev.xdai.dialogue.TurnListener;
import dev.xdai.dialogue.TurnPipeline;
import dev.xdai.evaluation.bench.BenchCommand;
import dev.xdai.evaluation.bench.BenchTargets;
import dev.xdai.evaluation.bench.ImportRunner;
import dev.xdai.evaluation.bench.SessionWriteRunner;
import dev.xdai.app.eval.SessionWriteBenchmark;
import dev.xdai.evaluation.bench.PipelineProbe;
import dev.xdai.evaluation.bench.TurnTimings;
import dev.xdai.evaluation.eval.EvalCommand;
import dev.xdai.evaluation.eval.RerankCommand;
import dev.xdai.evaluation.eval.RerankEvaluation;
import dev.xdai.dialogue.rank.ReplyFeatures;
import dev.xdai.dialogue.rank.ReplyRank;
import dev.xdai.generation.inverse.InversePromptingConfig;
import dev.xdai.generation.inverse.InversePromptingReranker;
import dev.xdai.evaluation.eval.KnowledgeLoader;
import dev.xdai.generation.LanguageModel;
import dev.xdai.app.eval.ImportBenchmark;
import dev.xdai.knowledge.graph.GraphConnection;
import dev.xdai.knowledge.ingest.FaqFields;
import dev.xdai.knowledge.ingest.ConversationReader;
import dev.xdai.knowledge.ingest.ImportFormat;
import dev.xdai.retrieval.bank.BankEntry;
import dev.xdai.retrieval.bank.ResponseBank;
import dev.xdai.knowledge.ingest.ImportResult;
import dev.xdai.knowledge.ingest.KnowledgeImporter;
import dev.xdai.knowledge.ingest.PackInfo;
import dev.xdai.knowledge.ingest.Packs;
import dev.xdai.personas.PersonaCatalog;
import dev.xdai.retrieval.Embedder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@code xdai import}, {@code xdai eval} and {@code xdai bench}, over the same wiring as the service. */
@ApplicationScoped
public class ToolCommands {

  static final String IMPORT_USAGE = """
      usage: xdai import --pack NAME --format kdconv|triples|faq|text|dialogue [--faq-fields SPEC] [--url URL] PATH...
        curates the files into the knowledge pack NAME, replacing what the pack held (dialogue: conversations into the
        response bank NAME); while xdai serve runs on the same data, the files go through that service; --url sends
        them to the service (any replica) at URL, with the API key in XDAI_API_KEY when it has access control on.""";

  @Inject XdaiConfig config;
  @Inject Instance<KnowledgeImporter> importer;
  @Inject Instance<Packs> packs;
  @Inject Instance<GraphConnection> graph;
  @Inject Instance<TurnPipeline> pipeline;
  @Inject Instance<DialogueService> dialogue;
  @Inject Instance<LanguageModel> model;
  @Inject Instance<PersonaCatalog> personas;
  @Inject Instance<Embedder> embedder;
  @Inject Instance<ResponseBank> bank;

  private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);

  /** {@code import --pack NAME --format kdconv|triples|faq|text [--faq-fields q=..,a=..] PATH...} */
  public int importPacks(String... args) {
    String pack = null;
    String format = null;
    String faq = null;
    String url = null;
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--url" -> url = i + 1 < args.length ? args[++i] : null;
        case "--pack" -> pack = i + 1 < args.length ? args[++i] : null;
        case "--format" -> format = i + 1 < args.length ? args[++i] : null;
        case "--faq-fields" -> faq = i + 1 < args.length ? args[++i] : null;
        default -> {
          if (args[i].startsWith("--")) return usage("unknown option " + args[i]);
          files.add(Path.of(args[i]));
        }
      }
    }
    if (pack == null || format == null || files.isEmpty()) return usage("--pack, --format and at least one PATH are required");
    for (Path f : files) if (!Files.exists(f)) return usage("no such file: " + f);
    Optional<ServiceTarget> running;
    try {
      running = ServiceTarget.find(Wiring.dataDir(config), url);
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    if (format.equalsIgnoreCase("dialogue")) return importBank(pack, files, running);
    ImportFormat fmt;
    try {
      fmt = ImportFormat.parse(format);
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    List<Path> expanded = new ArrayList<>();
    for (Path f : files) {
      if (Files.isDirectory(f)) {
        try (var s = Files.walk(f)) { s.filter(Files::isRegularFile).sorted().forEach(expanded::add); } catch (java.io.IOException e) { return usage(e.getMessage()); }
      } else expanded.add(f);
    }
    if (running.isPresent()) return new RemoteImport(running.get(), out, err).run(pack, format, faq, expanded);
    List<ImportResult> results = importer.get().importFiles(pack, fmt, expanded, faq == null ? FaqFields.DEFAULT : FaqFields.parse(faq));
    results.forEach(r -> out.println(r.summary()));
    packs.get().get(pack).ifPresent(p -> out.printf("pack %s: %d entities, %d facts, %d QA, %d descriptions%n", p.name(), p.entities(), p.facts(), p.qa(), p.descriptions()));
    return 0;
  }

  /**
   * {@code import --format dialogue}: conversations into the response bank named {@code bank}, replacing it; through
   * the running service when there is one (all files sent as one exchange list).
   */
  private int importBank(String bankName, List<Path> files, Optional<ServiceTarget> running) {
    List<BankEntry> entries = new ArrayList<>();
    try {
      for (Path f : files) {
        if (Files.isDirectory(f)) return usage("give conversation files, not a directory: " + f);
        try (var in = Files.newInputStream(f)) {
          entries.addAll(ConversationReader.read(in, f.getFileName().toString(), "import:" + bankName + ":" + f.getFileName()));
        }
      }
    } catch (java.io.IOException | IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    if (running.isPresent()) {
      StringBuilder tsv = new StringBuilder();
      for (BankEntry e : entries) tsv.append(e.context().replace('\t', ' ').replace('\n', ' ')).append('\t')
          .append(e.reply().replace('\t', ' ').replace('\n', ' ')).append('\n');
      return new RemoteImport(running.get(), out, err).bank(bankName, tsv.toString());
    }
    int kept = bank.get().replace(bankName, entries);
    out.printf("bank %s: %d exchanges read, %d kept (the rest stated facts, were too long or short, or repeated)%n", bankName,
        entries.size(), kept);
    return 0;
  }

  /**
   * The rankings {@code xdai eval rerank} compares: the model's likelihoods alone, inverse prompting's combinations with
   * the method's weights, the topical similarity alone, and the service's fitted {@link ReplyRank}.
   */
  private RerankEvaluation.Reranker rerankRankings() {
    var features = new ReplyFeatures(new InversePromptingReranker(model.get(), InversePromptingConfig.defaults()), embedder.get());
    InversePromptingConfig c = InversePromptingConfig.defaults();
    ReplyRank service = ReplyRank.shipped();
    // feature order: ReplyFeatures.NAMES (forward, prior, inverse, topic)
    java.util.Map<String, java.util.function.ToDoubleFunction<double[]>> scores = new java.util.LinkedHashMap<>();
    scores.put("forward", f -> f[0]);
    scores.put("inverse", f -> f[2]);
    scores.put("pmi", f -> f[0] - f[1]);
    scores.put("inverse+forward", f -> c.lambda1() * f[2] + c.lambda2() * f[0]);
    scores.put("inverse+pmi", f -> c.lambda1() * f[2] + c.lambda2() * (f[0] - f[1]));
    scores.put("topic", f -> f[3]);
    scores.put("service", service::score);
    return new RerankEvaluation.Reranker() {
      @Override public List<String> features() { return ReplyFeatures.NAMES; }
      @Override public java.util.Map<String, java.util.function.ToDoubleFunction<double[]>> scores() { return scores; }
      @Override public List<double[]> describe(String prompt, String utterance, List<String> candidates) {
        return features.of(prompt, utterance, candidates);
      }
    };
  }

  private int usage(String problem) {
    err.println("xdai import: " + problem);
    err.println(IMPORT_USAGE);
    return 2;
  }

  public int eval(String... args) {
    if (args.length > 0 && args[0].equals("calibrate")) {
      return new CalibrateCommand(out, err).run(java.util.Arrays.copyOfRange(args, 1, args.length));
    }
    var under = new PipelineUnderTest(pipeline.get(), personas.get(), embedder.get());
    if (args.length > 0 && args[0].equals("rerank")) {
      String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
      if (java.util.Arrays.asList(rest).contains("--fit")) return new RerankFitCommand(out, err).run(rest);
      return new RerankCommand(under, rerankRankings(), out, err).run(rest);
    }
    KnowledgeLoader loader = (pack, files) -> {
      packs.get().delete(pack);
      importer.get().importFiles(pack, ImportFormat.KDCONV, files, FaqFields.DEFAULT);
      PackInfo info = packs.get().get(pack).orElseThrow(() -> new IllegalStateException("pack " + pack + " is missing after import"));
      return info.facts() + info.qa() + info.descriptions();
    };
    return new EvalCommand(under, loader, out, err).run(args);
  }

  public int bench(String... args) {
    if (args.length > 0 && args[0].equals("load") && java.util.Arrays.stream(args).noneMatch(a -> a.startsWith("--url"))) {
      // the service serving this data directory, when there is one, rather than a guess at a port
      var running = RunningService.find(Wiring.dataDir(config));
      if (running.isPresent()) {
        List<String> more = new ArrayList<>(List.of(args));
        more.addAll(List.of("--url", running.get().url().toString()));
        if (java.util.Arrays.stream(args).noneMatch(a -> a.startsWith("--pid"))) more.addAll(List.of("--pid", Long.toString(running.get().pid())));
        args = more.toArray(String[]::new);
      }
    }
    return new BenchCommand(new BenchTargets(this::pipelineProbe, this::importRunner, model::get, this::sessionWrites), out, err)
        .run(args);
  }

  private PipelineProbe pipelineProbe() {
    DialogueService service = dialogue.get();
    Map<String, String> sessions = new ConcurrentHashMap<>();
    return (conversation, text) -> {
      String id = sessions.computeIfAbsent(conversation, c -> {
        Session s = service.create(Access.ANY, "xiaodai", "");
        return s.id();
      });
      var outcome = service.turn(Access.ANY, id, text, null, Switches.all(), TurnListener.NONE);
      Map<String, Long> steps = new LinkedHashMap<>();
      steps.put("session", (long) (outcome.loadMs() * 1e6));
      outcome.result().grounding().timingsMs().forEach((k, v) -> {
        if (!k.equals("generate") && !k.equals("total")) steps.put(k, (long) (v * 1e6));
      });
      steps.put("persist", (long) (outcome.persistMs() * 1e6));
      return new TurnTimings(steps, (long) (outcome.result().grounding().timingsMs().get("generate") * 1e6));
    };
  }

  private SessionWriteRunner sessionWrites() {
    SessionWriteBenchmark benchmark = new SessionWriteBenchmark(graph.get());
    return (turns, warmup, threads, sessions) -> benchmark.run(new SessionWriteBenchmark.Options(turns, warmup, threads, sessions));
  }

  private ImportRunner importRunner() {
    GraphConnection g = graph.get();
    return (triples, batch) -> ImportBenchmark.run(g, triples, batch, KnowledgeImporter.DEFAULT_WRITERS);
  }
}
