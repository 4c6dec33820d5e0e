package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.UsageException;
import dev.xdai.evaluation.kdconv.KdConvConversation;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

/**
 * {@code bench pipeline}: the per-turn overhead of the turn pipeline without decoding, replaying the user side of
 * KdConv conversations turn by turn. Target: p50 at most 15 ms, p99 at most 40 ms.
 *
 * <p>By default a session's next turn comes as soon as the reply is out, so work the service does between turns (the
 * finished exchange's embedding) is still running and counted; {@code --pause-ms} waits that long between turns, as a
 * person reading and typing would, outside the measurement.
 */
@Command(name = "pipeline", sortOptions = false, description = "The turn pipeline's per-turn overhead without decoding.")
final class PipelineBench extends Bench {

  static final double TARGET_P50_MS = 15;
  static final double TARGET_P99_MS = 40;

  private final Supplier<PipelineProbe> probe;

  PipelineBench(Supplier<PipelineProbe> probe) {
    this.probe = probe;
  }

  @Mixin TurnCounts counts = new TurnCounts(300, 50);
  @Mixin KdConvData text;
  @Option(names = "--pause-ms", paramLabel = "N", defaultValue = "0", description = "pause between a session's turns, not measured (default ${DEFAULT-VALUE})")
  long pauseMs;

  @Override BenchReport run(PrintStream progress) throws Exception {
    if (pauseMs < 0) throw new UsageException("--pause-ms must be 0 or more");
    PipelineProbe pipeline = BenchTargets.require(probe, "pipeline", "the turn pipeline");
    List<KdConvConversation> data = BenchTexts.conversations(text);
    List<List<String>> conversations = BenchTexts.userTurns(data, text.seed, 64);

    Map<String, Durations> steps = new LinkedHashMap<>();
    Durations overhead = new Durations();
    Durations decode = new Durations();
    int done = 0;
    int round = 0;
    outer:
    while (true) {
      for (int c = 0; c < conversations.size(); c++) {
        String id = "bench-" + round + "-" + c;
        for (String text : conversations.get(c)) {
          TurnTimings t = pipeline.turn(id, text);
          if (done++ >= counts.warmup) {
            t.stepNanos().forEach((step, nanos) -> steps.computeIfAbsent(step, k -> new Durations()).add(nanos));
            overhead.add(t.overheadNanos());
            decode.add(t.decodeNanos());
          }
          if (done % 100 == 0) progress.printf("bench pipeline: %d turns%n", done);
          if (pauseMs > 0) Thread.sleep(pauseMs);
          if (done >= counts.warmup + counts.turns) break outer;
        }
      }
      round++;
    }

    BenchReport report = new BenchReport("pipeline", BenchTexts.options(this, data), counts.warmup, counts.turns);
    steps.forEach((step, d) -> report.row(row(step, d.summary())));
    LatencySummary total = overhead.summary();
    report.row(row("overhead (all steps but score and rerank)", total));
    report.row(row("decoding (not in overhead)", decode.summary()));
    boolean met = total.p50Ms() <= TARGET_P50_MS && total.p99Ms() <= TARGET_P99_MS;
    report.note(String.format(java.util.Locale.ROOT, "target p50 <= %.0f ms, p99 <= %.0f ms: %s (p50 %.2f ms, p99 %.2f ms)",
        TARGET_P50_MS, TARGET_P99_MS, met ? "met" : "NOT met", total.p50Ms(), total.p99Ms()));
    return report;
  }

  private static Map<String, Object> row(String step, LatencySummary s) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("step", step);
    r.put("turns", s.count());
    r.putAll(s.cells(""));
    return r;
  }
}
