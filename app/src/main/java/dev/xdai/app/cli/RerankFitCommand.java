package dev.xdai.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xdai.dialogue.rank.ReplyFeatures;
import dev.xdai.dialogue.rank.ReplyRank;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code xdai eval rerank --fit}: fits the service's {@link ReplyRank} on the candidate features of
 * {@code xdai eval rerank --dump} files and writes the weights file. Exit status: 0 done, 1 cannot write, 2 bad
 * arguments or data.
 */
public final class RerankFitCommand {


  private final PrintStream out;
  private final PrintStream err;

  public RerankFitCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Fits on {@code dumps} and writes the weights to {@code write} (null: prints them); returns the exit status. */
  public int run(List<Path> dumps, Path write) {
    List<List<double[]>> turns;
    try {
      turns = read(dumps);
    } catch (IOException | IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    if (turns.isEmpty()) return usage("the dumps hold no samples");
    ReplyRank rank = ReplyRank.fit(turns);
    long hits = turns.stream().filter(t -> rank.best(t) == 0).count();
    out.printf("%d turns from %s; recall@1 of the fitted ranking on them: %.1f%n", turns.size(),
        String.join(" ", dumps.stream().map(Path::toString).toList()), 100.0 * hits / turns.size());
    List<String> comment = List.of("The reply ranking (ReplyRank): chit-chat candidates are ordered by this weighted sum of their",
        "features. evaluation/measure.sh calibrate fits it on the KdConv conversations the model was trained on,",
        "never the held-out ones. Fitted by: xdai eval rerank --fit " + String.join(" ", dumps.stream().map(d -> String.valueOf(d.getFileName())).toList()),
        "on " + LocalDate.now() + ": " + turns.size() + " turns, the true reply among " + turns.get(0).size() + " candidates");
    try {
      FittedFile.write(write, out, w -> rank.write(comment, w));
    } catch (IOException e) {
      err.println("xdai eval rerank: cannot write " + write + ": " + e.getMessage());
      return 1;
    }
    return 0;
  }

  /** The dumps' turns: per sample, each candidate's features with the true reply first. */
  static List<List<double[]>> read(List<Path> dumps) throws IOException {
    List<List<double[]>> turns = new ArrayList<>();
    FittedFile.readDumps(dumps, (node, where) -> {
      List<String> names = new ArrayList<>();
      node.path("features").forEach(f -> names.add(f.asText()));
      if (!names.equals(ReplyFeatures.NAMES)) {
        throw new IllegalArgumentException(where + ": features " + names + ", expected " + ReplyFeatures.NAMES);
      }
      List<double[]> turn = new ArrayList<>();
      for (JsonNode c : node.path("candidates")) {
        double[] f = new double[names.size()];
        for (int i = 0; i < f.length; i++) f[i] = c.path(i).asDouble(Double.NaN);
        for (double x : f) if (!Double.isFinite(x)) throw new IllegalArgumentException(where + ": a feature is not a number");
        turn.add(f);
      }
      turns.add(turn);
    });
    return turns;
  }

  private int usage(String problem) {
    err.println("xdai eval rerank --fit: " + problem);
    return 2;
  }
}
