package dev.xdai.app.cli;

import dev.xdai.app.Wiring;
import dev.xdai.app.XdaiConfig;
import dev.xdai.app.eval.PipelineUnderTest;
import dev.xdai.dialogue.DialogueService;
import dev.xdai.dialogue.Session;
import dev.xdai.dialogue.Switches;
import dev.xdai.dialogue.TurnListener;
import dev.xdai.dialogue.TurnPipeline;
import dev.xdai.evaluation.bench.BenchCommand;
import dev.xdai.evaluation.bench.BenchTargets;
import dev.xdai.evaluation.bench.ImportRunner;
import dev.xdai.evaluation.bench.PipelineProbe;
import dev.xdai.evaluation.bench.TurnTimings;
import dev.xdai.evaluation.eval.EvalCommand;
import dev.xdai.evaluation.eval.KnowledgeLoader;
import dev.xdai.generation.LanguageModel;
import dev.xdai.knowledge.bench.ImportBenchmark;
import dev.xdai.knowledge.graph.GraphConnection;
import dev.xdai.knowledge.ingest.FaqFields;
import dev.xdai.knowledge.ingest.ImportFormat;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code xdai import}, {@code xdai eval} and {@code xdai bench}, over the same wiring as the service. */
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
  @Inject Instance<Embedder> embedder;

  private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);

  /** {@code import --pack NAME --format kdconv|triples|faq|text [--faq-fields q=..,a=..] PATH...} */
  public int importPacks(String... args) {
    String pack = null;
    String format = null;
    String faq = null;
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
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
    var running = RunningService.find(Wiring.dataDir(config));
    if (running.isPresent()) return new RemoteImport(running.get().url(), out, err).run(pack, format, faq, expanded);
    List<ImportResult> results = importer.get().importFiles(pack, fmt, expanded, faq == null ? FaqFields.DEFAULT : FaqFields.parse(faq));
    results.forEach(r -> out.println(r.summary()));
    packs.get().get(pack).ifPresent(p -> out.printf("pack %s: %d entities, %d facts, %d QA, %d descriptions%n", p.name(), p.entities(), p.facts(), p.qa(), p.descriptions()));
    return 0;
  }

  private int usage(String problem) {
    err.println("xdai import: " + problem);
    err.println("usage: xdai import --pack NAME --format kdconv|triples|faq|text [--faq-fields SPEC] PATH...");
    return 2;
  }

  public int eval(String... args) {
    var under = new PipelineUnderTest(pipeline.get(), personas.get(), embedder.get());
    KnowledgeLoader loader = (pack, files) -> {
      packs.get().delete(pack);
      importer.get().importFiles(pack, ImportFormat.KDCONV, files, FaqFields.DEFAULT);
      PackInfo info = packs.get().get(pack).orElseThrow(() -> new IllegalStateException("pack " + pack + " is missing after import"));
      return info.facts() + info.qa() + info.descriptions();
    };
    return new EvalCommand(under, loader, out, err).run(args);
  }

  public int bench(String... args) {
    return new BenchCommand(new BenchTargets(this::pipelineProbe, this::importRunner, model::get), out, err).run(args);
  }

  private PipelineProbe pipelineProbe() {
    DialogueService service = dialogue.get();
    Map<String, String> sessions = new ConcurrentHashMap<>();
    return (conversation, text) -> {
      String id = sessions.computeIfAbsent(conversation, c -> {
        Session s = service.create("xiaodai", "");
        return s.id();
      });
      var outcome = service.turn(id, text, null, Switches.all(), TurnListener.NONE);
      Map<String, Long> steps = new LinkedHashMap<>();
      steps.put("session", (long) (outcome.loadMs() * 1e6));
      outcome.result().grounding().timingsMs().forEach((k, v) -> {
        if (!k.equals("generate") && !k.equals("total")) steps.put(k, (long) (v * 1e6));
      });
      steps.put("persist", (long) (outcome.persistMs() * 1e6));
      return new TurnTimings(steps, (long) (outcome.result().grounding().timingsMs().get("generate") * 1e6));
    };
  }

  private ImportRunner importRunner() {
    GraphConnection g = graph.get();
    return (triples, batch) -> ImportBenchmark.run(g, triples, batch, KnowledgeImporter.DEFAULT_WRITERS);
  }
}
