package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.Args;
import dev.xdai.evaluation.cli.UsageException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code xdai bench pipeline|retrieval|import|embed|decode|load [options] [--json]}: runs one benchmark against the
 * real components in {@link BenchTargets} and prints the machine, the options, warm-up and iteration counts and the
 * figures; with {@code --json} also one JSON object on the last line. Exit status: 0 done, 1 the run failed, 2 bad
 * arguments.
 */
public final class BenchCommand {

  private final Map<String, Bench> benches = new LinkedHashMap<>();
  private final PrintStream out;
  private final PrintStream err;

  public BenchCommand(BenchTargets targets, PrintStream out, PrintStream err) {
    benches.put("pipeline", new PipelineBench(targets.pipeline()));
    benches.put("retrieval", new RetrievalBench(targets.retrieval()));
    benches.put("import", new ImportBench(targets.importer()));
    benches.put("embed", new EmbedBench(targets.embedder()));
    benches.put("decode", new DecodeBench(targets.model()));
    benches.put("load", new LoadBench());
    this.out = out;
    this.err = err;
  }

  /** Runs {@code <bench> [options]} (the words after {@code bench}); returns the exit status. */
  public int run(String... args) {
    List<String> argv = Arrays.asList(args);
    if (argv.isEmpty() || !benches.containsKey(argv.get(0))) {
      err.println("xdai bench: " + (argv.isEmpty() ? "which benchmark?" : "unknown benchmark '" + argv.get(0) + "'"));
      err.println(usage());
      return 2;
    }
    String name = argv.get(0);
    Bench bench = benches.get(name);
    Args parsed;
    try {
      Set<String> single = new HashSet<>(bench.defaults().keySet());
      parsed = Args.parse(argv.subList(1, argv.size()), single, bench.readsData() ? Set.of("data") : Set.of(), Set.of("json"))
          .withDefaults(bench.defaults());
      if (!parsed.positionals().isEmpty()) throw new UsageException("unexpected argument '" + parsed.positionals().get(0) + "'");
    } catch (UsageException e) {
      err.println("xdai bench " + name + ": " + e.getMessage());
      err.println(usage());
      return 2;
    }
    try {
      BenchReport report = bench.run(parsed, err);
      report.print(out, MachineInfo.current(), parsed.has("json"), "./xdai bench " + String.join(" ", args));
      return 0;
    } catch (UsageException e) {
      err.println("xdai bench " + name + ": " + e.getMessage());
      return 2;
    } catch (NoSuchFileException e) {
      err.println("xdai bench " + name + ": no such file or directory: " + e.getFile());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("xdai bench " + name + ": interrupted");
      return 1;
    } catch (Exception e) {
      err.println("xdai bench " + name + ": failed: " + e.getMessage());
      return 1;
    }
  }

  /** The usage text: each benchmark with its options and defaults. */
  public String usage() {
    StringBuilder s = new StringBuilder("usage: xdai bench <benchmark> [options] [--json]\n");
    benches.forEach((name, b) -> {
      s.append("  ").append(String.format("%-10s", name));
      b.defaults().forEach((k, v) -> s.append(" [--").append(k).append(' ').append(v.isEmpty() ? "X" : v).append(']'));
      if (b.readsData()) s.append(" [--data FILE_OR_DIR...]");
      s.append('\n');
    });
    return s.toString().stripTrailing();
  }
}
