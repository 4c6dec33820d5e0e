package dev.xdai.evaluation.eval;

import dev.xdai.evaluation.cli.Args;
import dev.xdai.evaluation.cli.JsonLine;
import dev.xdai.evaluation.cli.ProjectPaths;
import dev.xdai.evaluation.cli.UsageException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code xdai eval rerank}: prints the reranker's recall@1 among candidates (see {@link RerankEvaluation}). */
public final class RerankCommand {

  public static final String USAGE = """
      usage: xdai eval rerank [--data FILE_OR_DIR...] [--samples N] [--candidates K] [--seed S] [--bot ID] [--dump FILE] [--json]
             xdai eval rerank --fit FILE... [--write PATH]
        --data        KdConv JSON files or directories (default ../shared/data/kdconv next to the project)
        --samples     how many samples (default 200); --candidates: the true reply and K-1 from other conversations (default 10)
        --dump        write each sample's candidate features (the true reply first) to FILE, one JSON line per sample
        --fit         fit the service's reply ranking on dump files (conversations the model was trained on, never the
                      held-out ones) and write it to PATH (default: print it)
        --json        also print the result as one JSON object on the last line""";

  private static final Set<String> SINGLE = Set.of("samples", "candidates", "seed", "bot", "dump");
  private static final Set<String> MULTI = Set.of("data");
  private static final Set<String> FLAGS = Set.of("json");

  private final RerankEvaluation evaluation;
  private final String model;
  private final PrintStream out;
  private final PrintStream err;

  public RerankCommand(DialogueUnderTest dialogue, RerankEvaluation.Reranker reranker, PrintStream out, PrintStream err) {
    this.evaluation = new RerankEvaluation(dialogue, reranker);
    this.model = dialogue.modelName();
    this.out = out;
    this.err = err;
  }

  public int run(String... args) {
    Args a;
    List<Path> data = new ArrayList<>();
    int samples, candidates;
    long seed;
    try {
      a = Args.parse(Arrays.asList(args), SINGLE, MULTI, FLAGS);
      if (!a.positionals().isEmpty()) throw new UsageException("unexpected argument '" + a.positionals().get(0) + "'");
      for (String d : a.values("data")) data.add(Path.of(d));
      if (data.isEmpty()) {
        data.add(ProjectPaths.defaultKdConv().orElseThrow(() ->
            new UsageException("no --data given and no ../shared/data/kdconv next to the project")));
      }
      samples = a.positiveInt("samples", 200);
      candidates = a.positiveInt("candidates", 10);
      if (candidates < 2) throw new UsageException("--candidates must be at least 2");
      seed = a.longValue("seed", 1);
    } catch (UsageException | IllegalArgumentException e) {
      err.println("xdai eval rerank: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    Instant started = Instant.now();
    RerankEvaluation.Result r;
    try {
      Path dump = a.has("dump") ? Path.of(a.value("dump", "")) : null;
      r = evaluation.run(data, samples, candidates, seed, a.value("bot", null), dump, done -> {
        if (done % 50 == 0) err.printf("xdai eval rerank: %d samples done%n", done);
      });
    } catch (NoSuchFileException e) {
      err.println("xdai eval rerank: no such file or directory: " + e.getFile());
      return 2;
    } catch (Exception e) {
      err.println("xdai eval rerank: failed: " + e.getMessage());
      return 1;
    }
    out.printf("xdai eval rerank: %d samples (%d left out: too long for the context), the true reply among %d candidates "
        + "(chance %.1f %%), model %s%n", r.samples(), r.skipped(), r.candidates(), r.chance(), model);
    r.recallAt1().forEach((k, v) -> out.printf("  recall@1 %-15s %.1f%n", k, v));
    if (a.has("json")) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", "rerank");
      m.put("samples", r.samples());
      m.put("skipped", r.skipped());
      m.put("candidates", r.candidates());
      m.put("chance", JsonLine.round(r.chance(), 3));
      r.recallAt1().forEach((k, v) -> m.put("recall@1_" + k, JsonLine.round(v, 3)));
      m.put("model", model);
      m.put("data", data.stream().map(Path::toString).toList());
      m.put("date", started.truncatedTo(ChronoUnit.SECONDS).toString());
      m.put("command", "./xdai eval rerank " + String.join(" ", args));
      out.println(JsonLine.of(m));
    }
    return 0;
  }
}
