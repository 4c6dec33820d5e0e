package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.Args;
import java.io.PrintStream;
import java.util.Map;

/** One {@code xdai bench} benchmark: its options with their defaults, and a run that returns its report. */
interface Bench {

  /** Options that take a value, with their defaults as written on the command line, in display order. */
  Map<String, String> defaults();

  /** Whether the benchmark reads KdConv text ({@code --data FILE_OR_DIR...}). */
  default boolean readsData() { return false; }

  /** Runs the benchmark; {@code progress} gets occasional lines for a person waiting. */
  BenchReport run(Args args, PrintStream progress) throws Exception;

  /** An ordered option map from {@code name, default, name, default, …}. */
  static Map<String, String> options(String... namesAndDefaults) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < namesAndDefaults.length; i += 2) m.put(namesAndDefaults[i], namesAndDefaults[i + 1]);
    return m;
  }
}
