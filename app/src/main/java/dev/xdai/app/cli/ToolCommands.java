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
import dev.xdai.graph.GraphConnection;
import dev.xdai.knowledge.ingest.FaqFields;
import dev.xdai.knowledge.ingest.ImportFormat;
import dev.xdai.knowledge.ingest.KnowledgeImporter;
import dev.xdai.knowledge.ingest.PackInfo;
import dev.xdai.knowledge.ingest.Packs;
import dev.xdai.personas.PersonaCatalog;
import dev.xdai.retrieval.embed.CachingEmbedder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.OptionSpec;

/** The {@code xdai eval} and {@code xdai bench} commands over the same wiring as the service. */
@ApplicationScoped
public class ToolCommands {

  @Inject XdaiConfig config;
  @Inject Instance<KnowledgeImporter> importer;
  @Inject Instance<Packs> packs;
  @Inject Instance<GraphConnection> graph;
  @Inject Instance<TurnPipeline> pipeline;
  @Inject Instance<DialogueService> dialogue;
  @Inject Instance<LanguageModel> model;
  @Inject Instance<PersonaCatalog> personas;
  @Inject Instance<CachingEmbedder> embedder;

  private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);

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

  /** {@code xdai eval kdconv} over the service's pipeline, made when a run needs it. */
  EvalCommand kdconv() {
    KnowledgeLoader loader = (pack, files) -> {
      packs.get().delete(pack);
      importer.get().importFiles(pack, ImportFormat.KDCONV, files, FaqFields.DEFAULT);
      PackInfo info = packs.get().get(pack).orElseThrow(() -> new IllegalStateException("pack " + pack + " is missing after import"));
      return info.facts() + info.qa() + info.descriptions();
    };
    return new EvalCommand(this::underTest, loader, out, err);
  }

  /** {@code xdai eval rerank}: measures over the pipeline, or ({@code --fit}) fits on dumps without loading a model. */
  RerankCommand rerank() {
    RerankFitCommand fit = new RerankFitCommand(out, err);
    return new RerankCommand(this::underTest, this::rerankRankings, fit::run, out, err);
  }

  private PipelineUnderTest underTest() {
    return new PipelineUnderTest(pipeline.get(), personas.get(), embedder.get());
  }

  /** {@code xdai bench} over the service's live components, each made only when a benchmark needs it. */
  BenchCommand bench() {
    return new BenchCommand(new BenchTargets(this::pipelineProbe, this::importRunner, model::get, this::sessionWrites), out, err);
  }

  /**
   * {@code bench load}'s {@code --url} and {@code --pid} when not given: the service serving this data directory, when
   * there is one, rather than a guess at a port.
   */
  IDefaultValueProvider runningService() {
    return arg -> {
      if (!(arg instanceof OptionSpec option)) return null;
      var running = RunningService.find(Wiring.dataDir(config));
      return switch (option.longestName()) {
        case "--url" -> running.map(r -> r.url().toString()).orElse(null);
        case "--pid" -> running.map(r -> Long.toString(r.pid())).orElse(null);
        default -> null;
      };
    };
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
