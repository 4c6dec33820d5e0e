package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.Args;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code bench sessions}: what storing a turn costs under each replication rule (write-behind journal, synchronous
 * graph commit with the append check, and the turn-count check a sharing replica makes before each turn), for each
 * {@code --threads} count, as latency percentiles; see docs/replication.md.
 */
final class SessionsBench implements Bench {

  private final Supplier<SessionWriteRunner> runner;

  SessionsBench(Supplier<SessionWriteRunner> runner) {
    this.runner = runner;
  }

  @Override public Map<String, String> defaults() {
    return Bench.options("turns", "2000", "warmup", "400", "threads", "1,8", "sessions", "16");
  }

  @Override public BenchReport run(Args args, PrintStream progress) throws Exception {
    int turns = args.positiveInt("turns");
    int warmup = args.positiveInt("warmup");
    int sessions = args.positiveInt("sessions");
    List<Integer> threads = args.positiveInts("threads");
    SessionWriteRunner sessionWrites = BenchTargets.require(runner, "sessions", "the session store and its graph");
    BenchReport report = new BenchReport("sessions", args.resolved(), warmup, turns);
    for (int t : threads) {
      progress.printf("bench sessions: %d writer(s)%n", t);
      runner(sessionWrites, turns, warmup, t, sessions).forEach((mode, nanos) -> {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("mode", mode);
        row.put("threads", t);
        row.putAll(Percentiles.summarise(nanos).cells(""));
        report.row(row);
      });
    }
    return report.note("write-behind: the turn forced to the local journal; synchronous: the graph commit with the append "
        + "check; shared-check: the turn-count read a sharing replica makes before each turn");
  }

  private static Map<String, long[]> runner(SessionWriteRunner r, int turns, int warmup, int threads, int sessions) throws Exception {
    return r.run(turns, warmup, threads, Math.max(1, sessions / threads));
  }
}
