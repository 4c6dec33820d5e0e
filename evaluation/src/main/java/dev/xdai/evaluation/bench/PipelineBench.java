package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.Args;
import dev.xdai.evaluation.kdconv.KdConvConversation;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code bench pipeline}: the per-turn overhead of the turn pipeline without decoding, replaying the user side of
 * KdConv conversations turn by turn. Target: p50 at most 15 ms, p99 at most 40 ms.
 *
 * <p>By default a session's next turn comes as soon as the reply is out, so work the service does between turns (the
 * finished exchange's embedding) is still running and counted; {@code --pause-ms} waits that long between turns, as a
 * person reading and typing would, outside the measurement.
 */
final class PipelineBench implements Bench {

  static final double TARGET_P50_MS = 15;
  static final double TARGET_P99_MS = 40;

  private final Supplier<PipelineProbe> probe;

  PipelineBench(Supplier<PipelineProbe> probe) {
    this.probe = probe;
  }

  @Override public Map<String, String> defaults() {
    return Bench.options("turns", "300", "warmup", "50", "seed", "1", "pause-ms", "0");
  }

  @Override public boolean readsData() { return true; }

  @Override public BenchReport run(Args args, PrintStream progress) throws Exception {
    int turns = args.positiveInt("turns");
    int warmup = args.positiveInt("warmup");
    long seed = args.longValue("seed");
    long pauseMs = args.longValue("pause-ms");
    if (pauseMs < 0) throw new IllegalArgumentException("--pause-ms must be 0 or more");
    PipelineProbe pipeline = BenchTargets.require(probe, "pipeline", "the turn pipeline");
    List<KdConvConversation> data = BenchTexts.conversations(args);
    List<List<String>> conversations = BenchTexts.userTurns(data, seed, 64);

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
          if (done++ >= warmup) {
            t.stepNanos().forEach((step, nanos) -> steps.computeIfAbsent(step, k -> new Durations()).add(nanos));
            overhead.add(t.overheadNanos());
            decode.add(t.decodeNanos());
          }
          if (done % 100 == 0) progress.printf("bench pipeline: %d turns%n", done);
          if (pauseMs > 0) Thread.sleep(pauseMs);
          if (done >= warmup + turns) break outer;
        }
      }
      round++;
    }

    BenchReport report = new BenchReport("pipeline", BenchTexts.options(args, data), warmup, turns);
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
