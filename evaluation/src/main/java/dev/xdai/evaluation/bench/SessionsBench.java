package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.PositiveInt;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench sessions}: what storing a turn costs under each replication rule (write-behind journal, synchronous
 * graph commit with the append check, and the turn-count check a sharing replica makes before each turn), for each
 * {@code --threads} count, as latency percentiles; see docs/replication.md.
 */
@Command(name = "sessions", sortOptions = false, description = "What storing a turn costs under each replication rule.")
final class SessionsBench extends Bench {

  private final Supplier<SessionWriteRunner> runner;

  SessionsBench(Supplier<SessionWriteRunner> runner) {
    this.runner = runner;
  }

  @Mixin TurnCounts counts = new TurnCounts(2000, 400);
  @Option(names = "--threads", defaultValue = "1,8", split = ",", converter = PositiveInt.class, paramLabel = "N[,N...]",
      description = "writer counts, one set of rows each (default ${DEFAULT-VALUE})")
  List<Integer> threads;
  @Option(names = "--sessions", paramLabel = "N", defaultValue = "16", converter = PositiveInt.class, description = "sessions written to (default ${DEFAULT-VALUE})")
  int sessions;

  @Override BenchReport run(PrintStream progress) throws Exception {
    SessionWriteRunner sessionWrites = BenchTargets.require(runner, "sessions", "the session store and its graph");
    BenchReport report = new BenchReport("sessions", options(), counts.warmup, counts.turns);
    for (int t : threads) {
      progress.printf("bench sessions: %d writer(s)%n", t);
      runner(sessionWrites, counts.turns, counts.warmup, t, sessions).forEach((mode, nanos) -> {
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
