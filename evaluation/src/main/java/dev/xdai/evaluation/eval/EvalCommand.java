package dev.xdai.evaluation.eval;

import dev.xdai.evaluation.cli.Args;
import dev.xdai.evaluation.cli.JsonLine;
import dev.xdai.evaluation.cli.ProjectPaths;
import dev.xdai.evaluation.cli.TextTable;
import dev.xdai.evaluation.cli.UsageException;
import dev.xdai.evaluation.metrics.Figure;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code xdai eval kdconv}: measures reply quality and knowledge selection on KdConv-format data and prints the
 * figures as a table, and with {@code --json} also as one JSON object on the last line. Exit status: 0 done, 1 the run
 * failed, 2 bad arguments or data.
 */
public final class EvalCommand {

  public static final String USAGE = """
      usage: xdai eval kdconv [--data FILE_OR_DIR...] [--mode oracle|retrieved|none] [--samples N] [--seed S]
                              [--bot ID] [--no-history-selection] [--no-knowledge] [--no-background]
                              [--inverse-prompting] [--no-persona] [--relevance-order] [--no-copy-bias] [--sampling]
                              [--no-quote] [--no-guard] [--no-bank] [--json] [--dump FILE]
        --data     KdConv JSON files or directories (default ../shared/data/kdconv next to the project)
        --mode     oracle: gold knowledge injected; retrieved: the full pipeline; none: no knowledge (default oracle)
        --samples  how many samples to draw (default 400); --seed: the shuffle seed (default 1)
        --bot      the persona to answer as (default: the service's default bot)
        switches   turn one step of the method off (or inverse prompting on) to measure what it adds
        --json     also print the result as one JSON object on the last line
        --relevance-order  the selected history by relevance, not in dialogue order
        --no-copy-bias     decode without the service's copy bias (the model's own greedy choices)
        --sampling         decode as the service does (its sampling settings, seeded per sample), not greedily
        --no-quote         the model words every reply (no quoted answers, no "don't know")
        --no-guard         keep a reply whose numbers nothing grounds (the model's own numbers)
        --no-bank          the response bank's replies do not compete with the model's own
        --dump     write one JSON line per sample (context, gold, reply, injected knowledge, gold hit) to FILE
      also: xdai eval calibrate (the answer confidence), xdai eval rerank (the reranker's recall@1); --help on each""";

  private static final Set<String> SINGLE = Set.of("mode", "samples", "seed", "bot", "dump");
  private static final Set<String> MULTI = Set.of("data");
  private static final Set<String> FLAGS = Set.of("json", "no-history-selection", "no-knowledge", "no-background",
      "inverse-prompting", "no-persona", "relevance-order", "no-copy-bias", "sampling",
      "no-quote", "no-guard", "no-bank");

  private final KdConvEvaluation evaluation;
  private final PrintStream out;
  private final PrintStream err;

  /**
   * @param dialogue the real turn pipeline behind the evaluation's port
   * @param loader imports the {@code retrieved} knowledge base; null when the build has no importer
   */
  public EvalCommand(DialogueUnderTest dialogue, KnowledgeLoader loader, PrintStream out, PrintStream err) {
    this.evaluation = new KdConvEvaluation(dialogue, loader);
    this.out = out;
    this.err = err;
  }

  /** Runs {@code kdconv [options]} (the words after {@code eval}); returns the exit status. */
  public int run(String... args) {
    EvalSettings settings;
    boolean json;
    Path dumpPath;
    try {
      Args parsed = Args.parse(Arrays.asList(args), SINGLE, MULTI, FLAGS);
      settings = settings(parsed);
      json = parsed.has("json");
      dumpPath = parsed.has("dump") ? Path.of(parsed.value("dump", "")) : null;
    } catch (UsageException | IllegalArgumentException e) {
      err.println("xdai eval: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    EvalResult result;
    try (SampleDump dump = SampleDump.open(dumpPath)) {
      int every = Math.max(50, settings.samples() / 10);
      result = evaluation.run(settings, done -> {
        if (done % every == 0) err.printf("xdai eval: %d samples done%n", done);
      }, dump::write);
    } catch (NoSuchFileException e) {
      err.println("xdai eval: no such file or directory: " + e.getFile());
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("xdai eval: " + e.getMessage());
      return 2;
    } catch (IOException | RuntimeException e) {
      err.println("xdai eval: failed: " + e.getMessage());
      return 1;
    }
    print(result);
    if (json) out.println(JsonLine.of(json(result, "./xdai eval " + String.join(" ", args))));
    return 0;
  }

  /** Reads the settings from parsed arguments. */
  static EvalSettings settings(Args args) {
    List<String> words = args.positionals();
    if (words.isEmpty() || !words.get(0).equals("kdconv")) throw new UsageException("expected 'kdconv' (the only evaluation there is)");
    if (words.size() > 1) throw new UsageException("unexpected argument '" + words.get(1) + "'");
    List<Path> data = new ArrayList<>();
    for (String d : args.values("data")) data.add(Path.of(d));
    if (data.isEmpty()) {
      data.add(ProjectPaths.defaultKdConv().orElseThrow(() ->
          new UsageException("no --data given and no ../shared/data/kdconv next to the project")));
    }
    EvalMode mode = EvalMode.parse(args.value("mode", "oracle"));
    Ablations ablations = new Ablations(!args.has("no-history-selection"), !args.has("no-knowledge"),
        !args.has("no-background"), args.has("inverse-prompting"), !args.has("no-persona"), args.has("relevance-order"),
        !args.has("no-copy-bias"), args.has("sampling"), !args.has("no-quote"), !args.has("no-guard"),
        !args.has("no-bank"));
    return new EvalSettings(data, mode, args.positiveInt("samples", EvalSettings.DEFAULT_SAMPLES),
        args.longValue("seed", 1), args.value("bot", null), ablations);
  }

  private void print(EvalResult r) {
    EvalSettings s = r.settings();
    out.println("xdai eval kdconv");
    out.printf("  data      %s (%d files, %d conversations, %d samples, %d distinct triples)%n",
        String.join(" ", s.data().stream().map(Path::toString).toList()), r.files(), r.conversations(), r.availableSamples(),
        r.distinctTriples());
    out.printf("  mode      %s%n", s.mode().key());
    out.printf("  samples   %d of %d (seed %d, java.util.Random + Collections.shuffle)%n", r.samples(), r.availableSamples(), s.seed());
    out.printf("  model     %s (greedy, replies of at most %d characters)%n", r.model(), EvalSettings.MAX_REPLY_CHARS);
    out.printf("  bot       %s%n", s.bot() == null ? "default" : s.bot());
    out.printf("  steps     %s%n", describe(s.ablations()));
    if (r.loadedItems() >= 0) out.printf("  knowledge %d items imported into pack %s%n", r.loadedItems(), EvalSettings.PACK);
    out.printf("  time      started %s, %.1f s (%.0f ms per sample)%n", r.started().truncatedTo(ChronoUnit.SECONDS),
        r.seconds(), 1000 * r.seconds() / r.samples());
    out.println();
    TextTable table = new TextTable(List.of("figure", "value"));
    r.figures().forEach((f, v) -> table.row(List.of(f.key(), TextTable.number(v, f == Figure.CHAR_PPL ? 2 : 1))));
    table.print(out, "  ");
    if (r.scoredSamples() < r.samples()) {
      out.printf("  char_ppl over %d of %d samples (the model could not score the others)%n", r.scoredSamples(), r.samples());
    }
  }

  private static String describe(Ablations a) {
    List<String> parts = new ArrayList<>();
    a.asMap().forEach((k, on) -> parts.add(k.replace('_', ' ') + (on ? " on" : " off")));
    return String.join(", ", parts);
  }

  /** The result as the {@code --json} object: mode, samples, each figure by its key, then the setup. */
  static Map<String, Object> json(EvalResult r, String command) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", "eval");
    m.put("mode", r.settings().mode().key());
    m.put("samples", r.samples());
    r.figures().forEach((f, v) -> m.put(f.key(), JsonLine.round(v, 3)));
    m.put("ablation", r.settings().ablations().label());
    m.put("ablations", r.settings().ablations().asMap());
    m.put("seed", r.settings().seed());
    m.put("model", r.model());
    m.put("bot", r.settings().bot());
    m.put("data", r.settings().data().stream().map(Path::toString).toList());
    m.put("available_samples", r.availableSamples());
    m.put("distinct_triples", r.distinctTriples());
    m.put("scored_samples", r.scoredSamples());
    m.put("seconds", JsonLine.round(r.seconds(), 1));
    m.put("date", r.started().truncatedTo(ChronoUnit.SECONDS).toString());
    m.put("command", command);
    return m;
  }
}
