package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.Cli;
import dev.xdai.evaluation.cli.HelpOption;
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
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code xdai bench pipeline|retrieval|import|embed|decode|load|sessions [options] [--json]}: runs one benchmark (the modules'
 * own benchmark classes where they exist, against the live components in {@link BenchTargets}) and prints the machine, the options, warm-up and iteration counts and the
 * figures; with {@code --json} also one JSON object on the last line. Exit status: 0 done, 1 the run failed, 2 bad
 * arguments.
 */
@Command(name = "bench", synopsisSubcommandLabel = "BENCHMARK",
    description = "Runs one benchmark and prints the machine, the options, warm-up and iteration counts and the figures.",
    footer = "Each benchmark answers --help with its options and defaults.")
public final class BenchCommand {

  /** How {@code main} is run, recorded as each result's command. */
  static final String STANDALONE = "./mvnw -B -q -f evaluation/pom.xml -Pbench compile exec:java -Dbench.args=";

  @Mixin HelpOption help;

  private final List<Bench> benches;
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
    this.benches = List.of(new PipelineBench(targets.pipeline()), new RetrievalBench(), new ImportBench(targets.importer()),
        new EmbedBench(), new DecodeBench(targets.model()), new LoadBench(), new SessionsBench(targets.sessions()));
    this.out = out;
    this.err = err;
  }

  /** {@code bench} with one subcommand per benchmark, to run alone or to add to a larger command line. */
  public CommandLine commandLine() {
    CommandLine bench = new CommandLine(this);
    benches.forEach(bench::addSubcommand);
    return bench;
  }

  /** Runs {@code <bench> [options]} (the words after {@code bench}); returns the exit status. */
  public int run(String... args) {
    return Cli.configure(commandLine().setCommandName("xdai bench"), out, err).execute(args);
  }

  /** Runs a parsed benchmark and prints its report; failures become exit statuses with a line saying why. */
  int execute(Bench bench) {
    String name = bench.spec.name();
    try {
      BenchReport report = bench.run(err);
      String words = String.join(" ", Cli.wordsAfter(bench.spec.parent()));
      String command = invocation.endsWith("=") ? invocation + "\"" + words + "\"" : invocation + words;
      report.print(out, MachineInfo.current(), bench.json, command);
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
}
