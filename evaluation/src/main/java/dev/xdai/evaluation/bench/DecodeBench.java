package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.Args;
import dev.xdai.generation.LanguageModel;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code bench decode}: the service's language model measured by the generation module's {@link DecodeBenchmark}:
 * single-stream tokens per second, time to first token, aggregate speed over concurrent streams, resident memory.
 */
final class DecodeBench implements Bench {

  private final Supplier<LanguageModel> model;

  DecodeBench(Supplier<LanguageModel> model) {
    this.model = model;
  }

  @Override public Map<String, String> defaults() {
    DecodeBenchmark.Settings d = DecodeBenchmark.Settings.defaults();
    return Bench.options("prompt-tokens", String.valueOf(d.promptTokens()), "max-tokens", String.valueOf(d.maxNewTokens()),
        "warmup", String.valueOf(d.warmups()), "runs", String.valueOf(d.runs()), "streams", String.valueOf(d.streams()),
        "runs-per-stream", String.valueOf(d.runsPerStream()));
  }

  @Override public BenchReport run(Args args, PrintStream progress) throws Exception {
    DecodeBenchmark.Settings s = new DecodeBenchmark.Settings(args.positiveInt("prompt-tokens"), args.positiveInt("max-tokens"),
        args.positiveInt("warmup"), args.positiveInt("runs"), args.positiveInt("streams"), args.positiveInt("runs-per-stream"));
    LanguageModel lm = BenchTargets.require(model, "decode", "a language model");
    progress.printf("bench decode: %s%n", lm.info().name());
    BenchReport report = new BenchReport("decode", args.resolved(), s.warmups(), s.runs() + s.streams() * s.runsPerStream());
    report.row(RecordRow.of(new DecodeBenchmark(lm, s).run()));
    report.note("measured by DecodeBenchmark (top-k sampling as the service decodes, no stop strings)");
    return report;
  }
}
