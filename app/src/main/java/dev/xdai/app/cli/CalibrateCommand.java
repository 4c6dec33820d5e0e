package dev.xdai.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xdai.dialogue.answer.AnswerConfidence;
import dev.xdai.dialogue.answer.AnswerFeatures;
import dev.xdai.dialogue.answer.ConfidenceFit;
import dev.xdai.evaluation.cli.Cli;
import dev.xdai.evaluation.cli.HelpOption;
import dev.xdai.evaluation.cli.JsonLine;
import dev.xdai.evaluation.cli.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xdai eval calibrate}: fits the answer confidence on the answer candidates of {@code xdai eval --dump} files
 * and writes the calibration file, or ({@code --curve}) prints the shipped calibration's precision/recall curve on
 * them. Exit status: 0 done, 2 bad arguments or data.
 */
@Command(name = "calibrate", sortOptions = false,
    description = "Fits the answer confidence on eval --dump files, or (--curve) prints the shipped one's precision/recall curve on them.")
public final class CalibrateCommand implements Callable<Integer> {

  private static final double[] CURVE = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

  @Spec CommandSpec spec;
  @Mixin HelpOption help;

  @Option(names = "--dump", required = true, arity = "1..*", paramLabel = "FILE",
      description = "eval --dump files (retrieved mode) whose answer candidates are the examples")
  List<Path> dumps;

  @Option(names = "--write", paramLabel = "PATH", description = "where the fitted calibration goes (default: print it)")
  Path write;

  @Option(names = "--curve", description = "print the shipped calibration's precision/recall curve on the dumps instead of fitting")
  boolean curve;

  @Option(names = "--json", description = "also print the curves as one JSON object on the last line")
  boolean json;

  private final PrintStream out;
  private final PrintStream err;

  public CalibrateCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    List<ConfidenceFit.Example> examples;
    try {
      examples = read(dumps);
    } catch (IOException | IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    if (examples.isEmpty()) throw new UsageException("the dumps hold no answer candidates (run xdai eval kdconv --mode retrieved --dump FILE)");
    long positives = examples.stream().filter(ConfidenceFit.Example::answers).count();
    out.printf("%d candidates, %d of them gold (%.1f %%), from %s%n", examples.size(), positives, 100.0 * positives / examples.size(),
        String.join(" ", dumps.stream().map(Path::toString).toList()));
    AnswerConfidence confidence = curve ? AnswerConfidence.shipped() : ConfidenceFit.fit(examples);
    List<ConfidenceFit.Example> tops = examples.stream().filter(ConfidenceFit.Example::top).toList();
    long goldTops = tops.stream().filter(ConfidenceFit.Example::answers).count();
    out.printf("%nthe turn's top-ranked item (%d turns, top item gold in %d): the curve the threshold is chosen on%n", tops.size(), goldTops);
    printCurve(confidence, tops);
    out.printf("%nevery candidate%n");
    printCurve(confidence, examples);
    if (curve) {
      if (json) out.println(json(confidence, tops, examples, "curve", dumps));
      return 0;
    }
    List<String> comment = List.of("The answer confidence (AnswerConfidence): its weights and threshold. evaluation/measure.sh calibrate",
        "fits it on a retrieved-mode dump of the KdConv conversations the model was trained on, never the held-out ones.",
        "Fitted by: xdai eval calibrate --dump " + String.join(" ", dumps.stream().map(Path::toString).toList()),
        "on " + LocalDate.now() + ": " + examples.size() + " candidates, " + positives + " gold; threshold = best F1 of the top-ranked curve");
    try {
      FittedFile.write(write, out, w -> ConfidenceFit.write(confidence, comment, w));
    } catch (IOException e) {
      err.println("xdai eval calibrate: cannot write " + write + ": " + e.getMessage());
      return 1;
    }
    if (json) out.println(json(confidence, tops, examples, "fit", dumps));
    return 0;
  }

  private String json(AnswerConfidence c, List<ConfidenceFit.Example> tops, List<ConfidenceFit.Example> all, String what,
      List<Path> dumps) {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("kind", "calibration");
    m.put("what", what);
    m.put("threshold", c.threshold());
    m.put("turns", tops.size());
    m.put("candidates", all.size());
    m.put("turn_curve", points(ConfidenceFit.curve(c, tops, thresholds(c))));
    m.put("candidate_curve", points(ConfidenceFit.curve(c, all, thresholds(c))));
    m.put("dumps", dumps.stream().map(Path::toString).toList());
    m.put("date", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    m.put("command", "./xdai eval calibrate " + String.join(" ", Cli.wordsAfter(spec)));
    return JsonLine.of(m);
  }

  private static List<java.util.Map<String, Object>> points(List<ConfidenceFit.Point> points) {
    return points.stream().map(p -> java.util.Map.<String, Object>of("threshold", round(p.threshold()), "precision", round(p.precision()),
        "recall", round(p.recall()), "f1", round(p.f1()), "quoted", p.quoted())).toList();
  }

  private static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }

  private static double[] thresholds(AnswerConfidence confidence) {
    double[] t = java.util.Arrays.copyOf(CURVE, CURVE.length + 1);
    t[CURVE.length] = confidence.threshold();
    java.util.Arrays.sort(t);
    return t;
  }

  private void printCurve(AnswerConfidence confidence, List<ConfidenceFit.Example> examples) {
    double[] thresholds = thresholds(confidence);
    out.println("threshold  precision  recall  f1     quoted");
    for (ConfidenceFit.Point p : ConfidenceFit.curve(confidence, examples, thresholds)) {
      out.printf("%-9.3f  %-9.3f  %-6.3f  %-5.3f  %d%s%n", p.threshold(), p.precision(), p.recall(), p.f1(), p.quoted(),
          p.threshold() == confidence.threshold() ? "   <- threshold" : "");
    }
  }

  static List<ConfidenceFit.Example> read(List<Path> dumps) throws IOException {
    List<ConfidenceFit.Example> out = new ArrayList<>();
    FittedFile.readDumps(dumps, (sample, where) -> {
      boolean top = true;
      for (JsonNode c : sample.path("answer_candidates")) {
        double[] x = new double[AnswerFeatures.NAMES.size()];
        for (int i = 0; i < x.length; i++) {
          JsonNode v = c.path("features").get(AnswerFeatures.NAMES.get(i));
          if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException(where + ": a candidate lacks feature '" + AnswerFeatures.NAMES.get(i) + "'");
          }
          x[i] = v.asDouble();
        }
        out.add(new ConfidenceFit.Example(x, c.path("gold").asBoolean(), top));
        top = false;
      }
    });
    return out;
  }
}
