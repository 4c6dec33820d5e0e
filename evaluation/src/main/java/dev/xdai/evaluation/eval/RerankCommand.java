package dev.xdai.evaluation.eval;

import dev.xdai.evaluation.cli.Cli;
import dev.xdai.evaluation.cli.HelpOption;
import dev.xdai.evaluation.cli.JsonLine;
import dev.xdai.evaluation.cli.PositiveInt;
import dev.xdai.evaluation.cli.UsageException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xdai eval rerank}: prints the reranker's recall@1 among candidates (see {@link RerankEvaluation}); with
 * {@code --fit}, fits the service's reply ranking on dump files instead, through the {@link Fitter} the app provides.
 */
@Command(name = "rerank", sortOptions = false, usageHelpWidth = 120,
    description = "The reranker's recall@1: the true reply among candidates from other conversations.")
public final class RerankCommand implements Callable<Integer> {

  /** Fits the service's reply ranking on {@code --dump} files and writes it; returns the exit status. */
  @FunctionalInterface
  public interface Fitter {
    int fit(List<Path> dumps, Path write);
  }

  @Spec CommandSpec spec;
  @Mixin HelpOption help;

  @Mixin KdConvSamples from;

  @Option(names = "--samples", defaultValue = "200", converter = PositiveInt.class, paramLabel = "N",
      description = "how many samples (default ${DEFAULT-VALUE})")
  int samples;

  @Option(names = "--candidates", defaultValue = "10", converter = PositiveInt.class, paramLabel = "K",
      description = "the true reply and K-1 from other conversations, K at least 2 (default ${DEFAULT-VALUE})")
  int candidates;

  @Option(names = "--dump", paramLabel = "FILE",
      description = "write each sample's candidate features (the true reply first) to FILE, one JSON line per sample")
  Path dump;

  @Option(names = "--json", description = "also print the result as one JSON object on the last line")
  boolean json;

  @Option(names = "--fit", arity = "1..*", paramLabel = "FILE",
      description = "fit the service's reply ranking on dump files (conversations the model was trained on, never the "
          + "held-out ones) instead of measuring")
  List<Path> fit = new ArrayList<>();

  @Option(names = "--write", paramLabel = "PATH", description = "with --fit: where the fitted ranking goes (default: print it)")
  Path write;

  private final Supplier<DialogueUnderTest> dialogue;
  private final Supplier<RerankEvaluation.Reranker> reranker;
  private final Fitter fitter;
  private final PrintStream out;
  private final PrintStream err;

  /** The suppliers are called only for a measuring run, so {@code --fit} loads no model. */
  public RerankCommand(Supplier<DialogueUnderTest> dialogue, Supplier<RerankEvaluation.Reranker> reranker, Fitter fitter,
      PrintStream out, PrintStream err) {
    this.dialogue = dialogue;
    this.reranker = reranker;
    this.fitter = fitter;
    this.out = out;
    this.err = err;
  }

  /** Runs {@code [options]} (the words after {@code eval rerank}) on its own; returns the exit status. */
  public int run(String... args) {
    return Cli.configure(new CommandLine(this).setCommandName("xdai eval rerank"), out, err).execute(args);
  }

  @Override
  public Integer call() {
    if (!fit.isEmpty()) {
      var measuring = spec.options().stream().filter(o -> o.originalStringValues().size() > 0)
          .map(o -> o.longestName()).filter(n -> !n.equals("--fit") && !n.equals("--write")).toList();
      if (!measuring.isEmpty()) throw new UsageException("--fit takes only --write, not " + String.join(", ", measuring));
      return fitter.fit(fit, write);
    }
    if (write != null) throw new UsageException("--write goes with --fit");
    if (candidates < 2) throw new UsageException("--candidates must be at least 2");
    List<Path> paths = from.files();
    Instant started = Instant.now();
    RerankEvaluation.Result r;
    String model;
    try {
      DialogueUnderTest under = dialogue.get();
      model = under.modelName();
      r = new RerankEvaluation(under, reranker.get()).run(paths, samples, candidates, from.seed, from.bot, dump, done -> {
        if (done % 50 == 0) err.printf("xdai eval rerank: %d samples done%n", done);
      });
    } catch (NoSuchFileException e) {
      err.println("xdai eval rerank: no such file or directory: " + e.getFile());
      return 2;
    } catch (Exception e) {
      err.println("xdai eval rerank: failed: " + e.getMessage());
      return 1;
    }
    out.printf("xdai eval rerank: %d samples (%d left out: too long for the context), the true reply among %d candidates "
        + "(chance %.1f %%), model %s%n", r.samples(), r.skipped(), r.candidates(), r.chance(), model);
    r.recallAt1().forEach((k, v) -> out.printf("  recall@1 %-15s %.1f%n", k, v));
    out.println("the model's own reply outranks the true one, by the same rankings:");
    r.ownOverTrue().forEach((k, v) -> out.printf("  own>true %-15s %.1f%n", k, v));
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", "rerank");
      m.put("samples", r.samples());
      m.put("skipped", r.skipped());
      m.put("candidates", r.candidates());
      m.put("chance", JsonLine.round(r.chance(), 3));
      r.recallAt1().forEach((k, v) -> m.put("recall@1_" + k, JsonLine.round(v, 3)));
      r.ownOverTrue().forEach((k, v) -> m.put("own_over_true_" + k, JsonLine.round(v, 3)));
      m.put("model", model);
      m.put("data", paths.stream().map(Path::toString).toList());
      m.put("date", started.truncatedTo(ChronoUnit.SECONDS).toString());
      m.put("command", "./xdai eval rerank " + String.join(" ", Cli.wordsAfter(spec)));
      out.println(JsonLine.of(m));
    }
    return 0;
  }
}
