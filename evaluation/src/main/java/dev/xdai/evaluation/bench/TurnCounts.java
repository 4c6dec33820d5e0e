package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.PositiveInt;
import picocli.CommandLine.Option;

/**
 * {@code --turns} and {@code --warmup} for the benchmarks that time turns ({@code @Mixin}): each benchmark gives its
 * own defaults, shown in {@code --help}.
 */
final class TurnCounts {
  @Option(names = "--turns", paramLabel = "N", converter = PositiveInt.class, description = "turns measured (default ${DEFAULT-VALUE})")
  int turns;
  @Option(names = "--warmup", paramLabel = "N", converter = PositiveInt.class, description = "turns before measuring (default ${DEFAULT-VALUE})")
  int warmup;

  TurnCounts(int turns, int warmup) {
    this.turns = turns;
    this.warmup = warmup;
  }
}
