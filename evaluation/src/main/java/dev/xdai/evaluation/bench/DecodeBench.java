package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.PositiveInt;
import dev.xdai.generation.LanguageModel;
import java.io.PrintStream;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench decode}: the service's language model measured by the generation module's {@link DecodeBenchmark}:
 * single-stream tokens per second, time to first token, aggregate speed over concurrent streams, resident memory.
 */
@Command(name = "decode", sortOptions = false, description = "The language model's decoding speed, first token and memory.")
final class DecodeBench extends Bench {

  // The benchmark's own defaults, shown in --help.
  private static final DecodeBenchmark.Settings DEFAULTS = DecodeBenchmark.Settings.defaults();

  @Option(names = "--prompt-tokens", paramLabel = "N", converter = PositiveInt.class, description = "prompt length (default ${DEFAULT-VALUE})")
  int promptTokens = DEFAULTS.promptTokens();
  @Option(names = "--max-tokens", paramLabel = "N", converter = PositiveInt.class, description = "tokens generated per run (default ${DEFAULT-VALUE})")
  int maxTokens = DEFAULTS.maxNewTokens();
  @Option(names = "--warmup", paramLabel = "N", converter = PositiveInt.class, description = "runs before measuring (default ${DEFAULT-VALUE})")
  int warmup = DEFAULTS.warmups();
  @Option(names = "--runs", paramLabel = "N", converter = PositiveInt.class, description = "single-stream runs (default ${DEFAULT-VALUE})")
  int runs = DEFAULTS.runs();
  @Option(names = "--streams", paramLabel = "N", converter = PositiveInt.class, description = "concurrent streams (default ${DEFAULT-VALUE})")
  int streams = DEFAULTS.streams();
  @Option(names = "--runs-per-stream", paramLabel = "N", converter = PositiveInt.class, description = "runs per concurrent stream (default ${DEFAULT-VALUE})")
  int runsPerStream = DEFAULTS.runsPerStream();

  private final Supplier<LanguageModel> model;

  DecodeBench(Supplier<LanguageModel> model) {
    this.model = model;
  }

  @Override BenchReport run(PrintStream progress) throws Exception {
    DecodeBenchmark.Settings s = new DecodeBenchmark.Settings(promptTokens, maxTokens, warmup, runs, streams, runsPerStream);
    LanguageModel lm = BenchTargets.require(model, "decode", "a language model");
    progress.printf("bench decode: %s%n", lm.info().name());
    BenchReport report = new BenchReport("decode", options(), s.warmups(), s.runs() + s.streams() * s.runsPerStream());
    report.row(RecordRow.of(new DecodeBenchmark(lm, s).run()));
    report.note("measured by DecodeBenchmark (top-k sampling as the service decodes, no stop strings)");
    return report;
  }
}
