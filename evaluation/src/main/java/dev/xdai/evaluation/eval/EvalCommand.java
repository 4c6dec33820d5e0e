package dev.xdai.evaluation.eval;

import dev.xdai.evaluation.cli.Cli;
import dev.xdai.evaluation.cli.HelpOption;
import dev.xdai.evaluation.cli.JsonLine;
import dev.xdai.evaluation.cli.PositiveInt;
import dev.xdai.evaluation.cli.TextTable;
import dev.xdai.evaluation.cli.UsageException;
import dev.xdai.evaluation.metrics.Figure;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xdai eval kdconv}: measures reply quality and knowledge selection on KdConv-format data and prints the
 * figures as a table, and with {@code --json} also as one JSON object on the last line. Exit status: 0 done, 1 the run
 * failed, 2 bad arguments or data.
 */
@Command(name = "kdconv", sortOptions = false, usageHelpWidth = 120,
    description = "Measures reply quality and knowledge selection on KdConv conversations.",
    footer = "Also: xdai eval calibrate (the answer confidence), xdai eval rerank (the reranker's recall@1); --help on each.")
public final class EvalCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin HelpOption help;

  @Mixin KdConvSamples from;

  @Option(names = "--mode", defaultValue = "oracle", paramLabel = "MODE",
      description = "oracle: gold knowledge injected; retrieved: the full pipeline; none: no knowledge (default ${DEFAULT-VALUE})")
  EvalMode mode;

  @Option(names = "--samples", defaultValue = "" + EvalSettings.DEFAULT_SAMPLES, converter = PositiveInt.class, paramLabel = "N",
      description = "how many samples to draw (default ${DEFAULT-VALUE})")
  int samples;

  @Option(names = "--json", description = "also print the result as one JSON object on the last line")
  boolean json;

  @Option(names = "--dump", paramLabel = "FILE",
      description = "write one JSON line per sample (context, gold, reply, injected knowledge, gold hit) to FILE")
  Path dump;

  @ArgGroup(exclusive = false, heading = "Switches (turn one step of the method off, or inverse prompting on, to measure what it adds):%n")
  Switches switches = new Switches();

  /** The method's steps as switches; each default is the service's. */
  static final class Switches {
    @Option(names = "--no-history-selection", description = "keep the whole history, not the relevant turns") boolean noHistorySelection;
    @Option(names = "--no-knowledge", description = "inject no knowledge") boolean noKnowledge;
    @Option(names = "--no-background", description = "no descriptions as a prefix") boolean noBackground;
    @Option(names = "--inverse-prompting", description = "rerank candidates by inverse prompting") boolean inversePrompting;
    @Option(names = "--no-persona", description = "no persona post-response") boolean noPersona;
    @Option(names = "--relevance-order", description = "the selected history by relevance, not in dialogue order") boolean relevanceOrder;
    @Option(names = "--no-copy-bias", description = "decode without the service's copy bias (the model's own greedy choices)") boolean noCopyBias;
    @Option(names = "--sampling", description = "decode as the service does (its sampling settings, seeded per sample), not greedily") boolean sampling;
    @Option(names = "--no-quote", description = "the model words every reply (no quoted answers, no \"don't know\")") boolean noQuote;
    @Option(names = "--no-guard", description = "keep a reply whose numbers nothing grounds (the model's own numbers)") boolean noGuard;
    @Option(names = "--no-bank", description = "the response bank's replies do not compete with the model's own") boolean noBank;

    Ablations ablations() {
      return new Ablations(!noHistorySelection, !noKnowledge, !noBackground, inversePrompting, !noPersona, relevanceOrder,
          !noCopyBias, sampling, !noQuote, !noGuard, !noBank);
    }
  }

  private final Supplier<DialogueUnderTest> dialogue;
  private final KnowledgeLoader loader;
  private final PrintStream out;
  private final PrintStream err;

  /**
   * @param dialogue the real turn pipeline behind the evaluation's port, made only when a run needs it
   * @param loader imports the {@code retrieved} knowledge base; null when the build has no importer
   */
  public EvalCommand(Supplier<DialogueUnderTest> dialogue, KnowledgeLoader loader, PrintStream out, PrintStream err) {
    this.dialogue = dialogue;
    this.loader = loader;
    this.out = out;
    this.err = err;
  }

  /** Runs {@code [options]} (the words after {@code eval kdconv}) on its own; returns the exit status. */
  public int run(String... args) {
    return Cli.configure(new CommandLine(this).setCommandName("xdai eval kdconv"), out, err).execute(args);
  }

  @Override
  public Integer call() {
    EvalSettings settings;
    try {
      settings = settings();
    } catch (UsageException e) {
      err.println("xdai eval: " + e.getMessage());
      return 2;
    }
    EvalResult result;
    try (SampleDump samples = SampleDump.open(dump)) {
      int every = Math.max(50, settings.samples() / 10);
      result = new KdConvEvaluation(dialogue.get(), loader).run(settings, done -> {
        if (done % every == 0) err.printf("xdai eval: %d samples done%n", done);
      }, samples::write);
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
    if (json) out.println(JsonLine.of(json(result, "./xdai eval kdconv " + String.join(" ", Cli.wordsAfter(spec)))));
    return 0;
  }

  /** The settings the options give. */
  EvalSettings settings() {
    return new EvalSettings(from.files(), mode, samples, from.seed, from.bot, switches.ablations());
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
