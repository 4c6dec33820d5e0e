package dev.xdai.evaluation.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xdai.evaluation.cli.Cli;
import dev.xdai.evaluation.cli.HelpOption;
import dev.xdai.evaluation.metrics.Figure;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jfree.data.category.DefaultCategoryDataset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * Rewrites {@code docs/results.md} and its plots in {@code docs/img/} from the saved results in
 * {@code evaluation/results/*.json} (the last lines of {@code --json} runs, and JMH runs). Figures that have no saved
 * result are marked "not measured yet"; nothing is ever filled in by hand.
 *
 * <p>Run: {@code ./mvnw -B -q -f evaluation/pom.xml -Presults compile exec:java} (argument: the project root), or
 * {@code evaluation/measure.sh}, which measures first.
 */
public final class ResultsPage {

  static final String NOT_MEASURED = "Not measured yet.";
  static final String ABLATIONS_PNG = "ablations.png";
  static final String RETRIEVAL_PNG = "retrieval-latency.png";
  private static final List<String> BENCHES = List.of("pipeline", "retrieval", "import", "embed", "decode", "load", "sessions");
  private static final List<String> MODES = List.of("oracle", "retrieved", "none");
  private static final ObjectMapper JSON = new ObjectMapper();
  // What the implementation decides where docs/evaluation.md leaves room; each rule lives in the class named.
  private static final String DETAILS = """
      How the figures are computed, beyond `docs/evaluation.md`:

      - Samples (`SampleDrawer`): files are read in sorted path order, then conversations and utterances in order; all \
      samples are shuffled with `Collections.shuffle(samples, new java.util.Random(seed))` and the first N kept.
      - Characters (`CharText`): Unicode code points, whitespace (including no-break and ideographic spaces) removed. \
      Replies are cut to 60 characters before scoring.
      - `knowledge_f1` (`CharF1`): the gold values joined without separator, whitespace removed, then cut to 120 characters.
      - `char_ppl` (`CharPerplexity`): over the samples the model could score; the run says how many.
      - `hallucinated_numbers` (`HallucinatedNumbers`): a number is a maximal run of decimal digits, compared by value \
      (`06` = `6`) and as a whole (`24` is not found in `2024`); it is grounded by the prompt's knowledge, the prompt's \
      context, or any utterance of the sample's context.
      - `knowledge_recall@k` (`GoldMatch`): an injected item matches a gold triple by its origin triple when the pipeline \
      reports one (entity short name, attribute and value equal, whitespace removed), else by text (its answer equals the \
      value over the first 120 characters, or is the value cut shorter, at least 60 characters of its start, as the \
      pipeline's cut at 120 characters counting whitespace leaves it; and its question or label contains the entity's \
      short name).
      - Percentiles (`Percentiles`): nearest rank, in milliseconds.

      """;

  private final Path resultsDir;
  private final Path docsDir;

  public ResultsPage(Path resultsDir, Path docsDir) {
    this.resultsDir = resultsDir;
    this.docsDir = docsDir;
  }

  public static void main(String... args) {
    System.setProperty("java.awt.headless", "true"); // before any AWT class loads: charts render without a display
    int status = run(System.out, System.err, args);
    // Only a failure exits here: the Maven build that runs this in its own JVM (exec:java) goes on otherwise.
    if (status != 0) System.exit(status);
  }

  /** Parses the command line and rewrites the page; returns the exit status (2: bad arguments). */
  static int run(PrintStream out, PrintStream err, String... args) {
    return Cli.configure(new CommandLine(new Rewrite(out)), out, err).execute(args);
  }

  /** The command line of {@link #main}: the project root, the working directory unless given. */
  @Command(name = "ResultsPage", usageHelpWidth = 120,
      description = "Rewrites docs/results.md and its plots in docs/img/ from the saved results in evaluation/results/*.json.")
  static final class Rewrite implements Callable<Integer> {

    @Mixin HelpOption help;

    @Parameters(arity = "0..1", defaultValue = ".", paramLabel = "ROOT", description = "the project root (default: the working directory)")
    Path root;

    private final PrintStream out;

    Rewrite(PrintStream out) {
      this.out = out;
    }

    @Override
    public Integer call() throws IOException {
      Path project = root.toAbsolutePath().normalize();
      new ResultsPage(project.resolve("evaluation/results"), project.resolve("docs")).write();
      out.println("wrote " + project.resolve("docs/results.md"));
      return 0;
    }
  }

  /** Reads the saved results and rewrites the page and its plots. */
  public void write() throws IOException {
    List<ResultRecord> records = read();
    Files.createDirectories(docsDir.resolve("img"));
    StringBuilder md = new StringBuilder();
    md.append("# Results\n\n");
    md.append("Figures measured by `xdai eval` and `xdai bench`, each with the command that produced it and its date. ")
        .append("This page is written by `dev.xdai.evaluation.results.ResultsPage` from `evaluation/results/*.json` ")
        .append("(the last line of a `--json` run); do not edit it by hand. To measure everything again and rewrite it: ")
        .append("`evaluation/measure.sh`. To rewrite it from the saved results only: ")
        .append("`./mvnw -B -q -f evaluation/pom.xml -Presults compile exec:java`.\n\n");
    md.append(DETAILS);
    evalSection(md, records.stream().filter(r -> r.kind().equals("eval")).toList());
    calibrationSection(md, records.stream().filter(r -> r.kind().equals("calibration")).toList());
    rerankSection(md, records.stream().filter(r -> r.kind().equals("rerank")).toList());
    benchSection(md, records.stream().filter(r -> r.kind().equals("bench")).toList());
    jmhSection(md, records.stream().filter(r -> r.kind().equals("jmh")).toList());
    Files.writeString(docsDir.resolve("results.md"), md.toString(), StandardCharsets.UTF_8);
  }

  private List<ResultRecord> read() throws IOException {
    if (!Files.isDirectory(resultsDir)) return List.of();
    List<Path> files;
    try (Stream<Path> s = Files.list(resultsDir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    List<ResultRecord> out = new ArrayList<>();
    for (Path f : files) {
      JsonNode n = JSON.readTree(f.toFile());
      if (n == null || !n.isObject() || !n.has("kind")) throw new IOException(f + " is not a saved result (a JSON object with \"kind\")");
      out.add(new ResultRecord(f, n));
    }
    return out;
  }

  /** The data of a run, short: the last folder or file name of each path given. */
  static String dataLabel(JsonNode data) {
    List<String> names = new ArrayList<>();
    for (JsonNode d : data) {
      String p = d.asText().replaceAll("[/\\\\]+$", "");
      names.add(p.substring(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1));
    }
    return names.isEmpty() ? "default" : String.join("+", names);
  }

  private void evalSection(StringBuilder md, List<ResultRecord> runs) throws IOException {
    md.append("## Reply quality and knowledge selection (`xdai eval kdconv`)\n\n");
    md.append("Samples, modes and figures as defined in [evaluation.md](evaluation.md): characters are code points without ")
        .append("whitespace; all figures are percentages except `char_ppl`; `knowledge_recall@k` applies to `retrieved` mode only.\n\n");
    Path png = docsDir.resolve("img").resolve(ABLATIONS_PNG);
    if (notMeasured(md, runs, " Run e.g. `./xdai eval kdconv --mode oracle --json`.")) {
      Files.deleteIfExists(png);
    } else {
      List<ResultRecord> sorted = new ArrayList<>(runs);
      sorted.sort(Comparator.comparingInt((ResultRecord r) -> MODES.indexOf(r.json().path("mode").asText()))
          .thenComparing(r -> r.json().path("ablation").asText().equals("default") ? "" : r.json().path("ablation").asText())
          .thenComparing(ResultRecord::date));
      List<String> header = new ArrayList<>(List.of("mode", "steps", "data", "samples"));
      for (Figure f : Figure.values()) header.add(f.key());
      header.addAll(List.of("model", "date", "command"));
      List<List<String>> rows = new ArrayList<>();
      DefaultCategoryDataset bars = new DefaultCategoryDataset();
      for (ResultRecord r : sorted) {
        JsonNode j = r.json();
        String data = dataLabel(j.path("data"));
        List<String> row = new ArrayList<>(List.of(j.path("mode").asText(), j.path("ablation").asText(), data, j.path("samples").asText()));
        for (Figure f : Figure.values()) row.add(number(j.path(f.key()), 1));
        row.addAll(List.of(j.path("model").asText(), r.day(), "`" + r.command() + "`"));
        rows.add(row);
        // Runs of one mode and ablation on other data or sample counts are different bars.
        String label = j.path("mode").asText() + " / " + j.path("ablation").asText() + " / " + data + " " + j.path("samples").asText();
        for (Figure f : List.of(Figure.F1, Figure.KNOWLEDGE_F1, Figure.BLEU2, Figure.KNOWLEDGE_RECALL_5)) {
          if (j.path(f.key()).isNumber()) bars.addValue(j.path(f.key()).asDouble(), f.key(), label);
        }
      }
      table(md, header, rows);
      Charts.bars(png, "Reply quality by mode and ablation (KdConv)", "percent", bars);
      md.append("![f1, knowledge_f1, bleu2 and knowledge_recall@5 by mode and ablation](img/").append(ABLATIONS_PNG).append(")\n\n");
    }
    md.append("For comparison, the throw-away probe described in `evaluation.md` (a 29M-parameter model, not this project's ")
        .append("code) measured oracle f1 32.8 / knowledge_f1 23.6 / bleu1 35.9 / bleu2 16.2 / char_ppl 14.2 and none ")
        .append("f1 16.0 / knowledge_f1 3.3 / bleu1 23.1 / bleu2 4.9 / char_ppl 21.1; the shipped model must clearly beat them.\n\n");
    md.append("Data `heldout` is `training/heldout/`, the KdConv conversations the embedded model was never trained on. ")
        .append("Data `kdconv` is all of KdConv dev, whose other conversations the model was trained on: there, only ")
        .append("`knowledge_recall@k` (which does not depend on the model) means what it says; the reply figures flatter ")
        .append("the model.\n\n");
  }

  private void calibrationSection(StringBuilder md, List<ResultRecord> runs) {
    md.append("## Answer confidence (`xdai eval calibrate`)\n\n");
    md.append("A reply quotes the turn's knowledge when the confidence that its best item answers the utterance reaches ")
        .append("the threshold. The confidence is a logistic model over signals retrieval already has, fitted on the answer ")
        .append("candidates of a retrieved-mode `--dump` of the KdConv conversations the model was trained on (never the ")
        .append("held-out ones); the threshold is the best F1 of the curve of each turn's top-ranked item, since whether to ")
        .append("quote is decided once a turn. A candidate counts as answering when it is a gold triple of the turn. ")
        .append("`answer_rate` is the share of replies that say a gold value (or the first 20 characters of a longer one); ")
        .append("`mode_*` the share of replies quoted, generated, \"don't know\" and fallback.\n\n");
    if (notMeasured(md, runs, " Run `./xdai eval calibrate --dump FILE --json`.")) return;
    for (ResultRecord r : runs.stream().sorted(Comparator.comparing(ResultRecord::date)).toList()) {
      JsonNode j = r.json();
      md.append("`").append(r.command()).append("` — ").append(r.day()).append(": ")
          .append(j.path("what").asText().equals("fit") ? "fitted, " : "the shipped calibration, ")
          .append(j.path("turns").asText()).append(" turns, ").append(j.path("candidates").asText())
          .append(" candidates, threshold ").append(number(j.path("threshold"), 3)).append("\n\n");
      for (String curve : List.of("turn_curve", "candidate_curve")) {
        md.append(curve.equals("turn_curve") ? "Each turn's top-ranked item:\n\n" : "Every candidate:\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode p : j.path(curve)) {
          rows.add(List.of(number(p.path("threshold"), 3), number(p.path("precision"), 3), number(p.path("recall"), 3),
              number(p.path("f1"), 3), p.path("quoted").asText()));
        }
        table(md, List.of("threshold", "precision", "recall", "f1", "quoted"), rows);
      }
    }
  }

  private void rerankSection(StringBuilder md, List<ResultRecord> runs) {
    md.append("## Reranking replies (`xdai eval rerank`)\n\n");
    md.append("How often the model's likelihoods put a held-out conversation's true reply first among candidates whose ")
        .append("others are replies from other conversations, over the prompt the pipeline manufactures for that turn: ")
        .append("`forward` is log P(reply | prompt), `inverse` log P(utterance | reply) as inverse prompting asks, `pmi` ")
        .append("the forward score less the reply's score without context, the sums with inverse prompting's weights, ")
        .append("`topic` the cosine of the reply's and the utterance's sentence vectors (bge-small-zh), and `service` the ")
        .append("ranking the service uses for chit-chat: all four features weighted as fitted by `xdai eval rerank --fit` ")
        .append("on conversations the model was trained on (`evaluation/measure.sh calibrate`), never the held-out ones. ")
        .append("`own_over_true_*`: the share of samples where the model's own reply to the prompt (what the bank's replies ")
        .append("compete with in the service) outranks the true reply, by the same rankings; lower is better.\n\n");
    if (notMeasured(md, runs, " Run `./xdai eval rerank --json`.")) return;
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("data", "samples", "candidates", "chance"));
    List<String> scorers = new ArrayList<>();
    runs.forEach(r -> r.json().fieldNames().forEachRemaining(k -> {
      if ((k.startsWith("recall@1_") || k.startsWith("own_over_true_")) && !scorers.contains(k)) scorers.add(k);
    }));
    header.addAll(scorers);
    header.addAll(List.of("model", "date", "command"));
    for (ResultRecord r : runs.stream().sorted(Comparator.comparing(ResultRecord::date)).toList()) {
      JsonNode j = r.json();
      List<String> row = new ArrayList<>(List.of(dataLabel(j.path("data")), j.path("samples").asText(),
          j.path("candidates").asText(), number(j.path("chance"), 1)));
      for (String k : scorers) row.add(number(j.path(k), 1));
      row.addAll(List.of(j.path("model").asText(), r.day(), "`" + r.command() + "`"));
      rows.add(row);
    }
    table(md, header, rows);
  }

  private void benchSection(StringBuilder md, List<ResultRecord> runs) throws IOException {
    md.append("## Speed (`xdai bench`)\n\n");
    md.append("Every run prints the machine it ran on; figures from different machines do not compare.\n\n");
    for (String bench : BENCHES) {
      md.append("### ").append(bench).append("\n\n");
      List<ResultRecord> mine = runs.stream().filter(r -> r.json().path("bench").asText().equals(bench))
          .sorted(Comparator.comparing(ResultRecord::date)).toList();
      notMeasured(md, mine, " Run `./xdai bench " + bench + " --json`.");
      for (ResultRecord r : mine) {
        md.append("`").append(r.command()).append("` — ").append(r.day()).append(", ").append(machine(r.json().path("machine")))
            .append("; ").append(r.json().path("warmup").asText()).append(" warm-up, ")
            .append(r.json().path("iterations").asText()).append(" measured\n\n");
        Set<String> columns = new LinkedHashSet<>();
        r.json().path("rows").forEach(row -> row.fieldNames().forEachRemaining(columns::add));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : r.json().path("rows")) {
          List<String> cells = new ArrayList<>();
          for (String c : columns) cells.add(number(row.path(c), 2));
          rows.add(cells);
        }
        table(md, List.copyOf(columns), rows);
        for (JsonNode note : r.json().path("notes")) md.append("- ").append(note.asText()).append('\n');
        if (r.json().path("notes").size() > 0) md.append('\n');
      }
      if (bench.equals("retrieval")) retrievalChart(md, mine);
    }
  }

  private void retrievalChart(StringBuilder md, List<ResultRecord> runs) throws IOException {
    Path png = docsDir.resolve("img").resolve(RETRIEVAL_PNG);
    List<Charts.Line> lines = new ArrayList<>();
    for (ResultRecord r : runs) {
      for (String p : List.of("p50_ms", "p99_ms")) {
        List<double[]> points = new ArrayList<>();
        r.json().path("rows").forEach(row -> {
          if (row.path("pairs").isNumber() && row.path(p).isNumber()) {
            points.add(new double[] {row.path("pairs").asDouble(), row.path(p).asDouble()});
          }
        });
        if (!points.isEmpty()) lines.add(new Charts.Line(p.replace("_ms", "") + " " + r.day(), points));
      }
    }
    if (lines.isEmpty()) {
      Files.deleteIfExists(png);
      return;
    }
    Charts.retrievalLatency(png, lines);
    md.append("![retrieval latency against knowledge size](img/").append(RETRIEVAL_PNG).append(")\n\n");
  }

  private void jmhSection(StringBuilder md, List<ResultRecord> runs) {
    md.append("## Micro-benchmarks (JMH)\n\n");
    md.append("Hot paths measured with JMH (`evaluation/src/jmh/java`), compiled only with the `jmh` profile: ")
        .append("`./mvnw -B -q -f evaluation/pom.xml -Pjmh test-compile exec:exec` (short runs on shared cores: read the error column).\n\n");
    if (notMeasured(md, runs, "")) return;
    for (ResultRecord r : runs) {
      md.append("`").append(r.command()).append("` — ").append(r.day()).append(", ").append(machine(r.json().path("machine")))
          .append("\n\n");
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode b : r.json().path("results")) {
        String name = b.path("benchmark").asText();
        name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
        StringBuilder params = new StringBuilder();
        Iterator<Map.Entry<String, JsonNode>> it = b.path("params").fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          params.append(params.isEmpty() ? "" : ", ").append(e.getKey()).append('=').append(e.getValue().asText());
        }
        JsonNode pm = b.path("primaryMetric");
        rows.add(List.of(name, params.toString(), b.path("mode").asText(), number(pm.path("score"), 3),
            number(pm.path("scoreError"), 3), pm.path("scoreUnit").asText()));
      }
      table(md, List.of("benchmark", "params", "mode", "score", "error (99.9%)", "unit"), rows);
    }
  }

  private static String machine(JsonNode m) {
    String s = m.path("cores").asText("?") + " cores, " + m.path("memory_mb").asLong() / 1024 + " GiB, " + m.path("jvm").asText("?");
    return m.path("load_average").isNumber() ? s + ", load average " + m.path("load_average").asText() : s;
  }

  /** When a section has no runs: says so, and how to measure it ({@code how}, may be empty); true then. */
  private static boolean notMeasured(StringBuilder md, List<ResultRecord> runs, String how) {
    if (!runs.isEmpty()) return false;
    md.append(NOT_MEASURED).append(how).append("\n\n");
    return true;
  }

  private static void table(StringBuilder md, List<String> header, List<List<String>> rows) {
    md.append("| ").append(String.join(" | ", header)).append(" |\n");
    md.append("|").append(" --- |".repeat(header.size())).append('\n');
    for (List<String> row : rows) {
      md.append("| ").append(String.join(" | ", row.stream().map(c -> c.replace("|", "\\|")).toList())).append(" |\n");
    }
    md.append('\n');
  }

  private static String number(JsonNode n, int decimals) {
    if (n == null || n.isMissingNode() || n.isNull()) return "n/a";
    if (n.isIntegralNumber()) return n.asText();
    // A share like 0.995 needs more places than a latency like 11.14 ms.
    if (n.isNumber()) return String.format(Locale.ROOT, "%." + (Math.abs(n.asDouble()) < 1 ? Math.max(decimals, 3) : decimals) + "f", n.asDouble());
    return n.asText();
  }
}
