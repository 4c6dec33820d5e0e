package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.Args;
import dev.xdai.evaluation.cli.ProjectPaths;
import dev.xdai.evaluation.cli.UsageException;
import dev.xdai.generation.LanguageModel;
import dev.xdai.generation.embedded.EmbeddedGlm;
import dev.xdai.generation.embedded.EmbeddedGlmConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code xdai bench pipeline|retrieval|import|embed|decode|load|sessions [options] [--json]}: runs one benchmark (the modules'
 * own benchmark classes where they exist, against the live components in {@link BenchTargets}) and prints the machine, the options, warm-up and iteration counts and the
 * figures; with {@code --json} also one JSON object on the last line. Exit status: 0 done, 1 the run failed, 2 bad
 * arguments.
 */
public final class BenchCommand {

  private final Map<String, Bench> benches = new LinkedHashMap<>();
  /** How {@code main} is run, recorded as each result's command. */
  static final String STANDALONE = "./mvnw -B -q -f evaluation/pom.xml -Pbench compile exec:java -Dbench.args=";

  private final PrintStream out;
  private final PrintStream err;
  private final String invocation;

  /** A command for {@code ./xdai bench}, printing to {@code out} and {@code err}. */
  public BenchCommand(BenchTargets targets, PrintStream out, PrintStream err) {
    this(targets, out, err, "./xdai bench ");
  }

  /** @param invocation what precedes the arguments in the command recorded with each result */
  BenchCommand(BenchTargets targets, PrintStream out, PrintStream err, String invocation) {
    this.invocation = invocation;
    benches.put("pipeline", new PipelineBench(targets.pipeline()));
    benches.put("retrieval", new RetrievalBench());
    benches.put("import", new ImportBench(targets.importer()));
    benches.put("embed", new EmbedBench());
    benches.put("decode", new DecodeBench(targets.model()));
    benches.put("load", new LoadBench());
    benches.put("sessions", new SessionsBench(targets.sessions()));
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
      String words = String.join(" ", args);
      String command = invocation.endsWith("=") ? invocation + "\"" + words + "\"" : invocation + words;
      report.print(out, MachineInfo.current(), parsed.has("json"), command);
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

  /**
   * Runs, without the app, the benchmarks that need no service components ({@code retrieval}, {@code embed},
   * {@code load}) and {@code decode} on the embedded model in {@value EmbeddedGlm#DEFAULT_DIR} under the project root:
   * {@code ./mvnw -B -q -f evaluation/pom.xml -Pbench compile exec:java -Dbench.args="retrieval --json"}.
   */
  public static void main(String[] args) {
    Path dir = ProjectPaths.root().resolve(EmbeddedGlm.DEFAULT_DIR);
    Supplier<LanguageModel> embedded = () -> Files.exists(dir.resolve("model.onnx"))
        ? EmbeddedGlm.load(EmbeddedGlmConfig.of(dir).withPermits(4, Duration.ofMinutes(5))) : null;
    int status = new BenchCommand(new BenchTargets(null, null, embedded), System.out, System.err, STANDALONE).run(args);
    System.exit(status); // the embedded runtime keeps non-daemon threads
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
