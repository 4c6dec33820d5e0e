package dev.xdai.dialogue.answer;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.xdai.dialogue.WeightsFile;

/**
 * Calibrates {@link AnswerConfidence} on labelled candidates (features, whether the item is a gold fact of the turn,
 * and whether it was the turn's top-ranked item): an L2-regularised logistic regression fitted by gradient descent on
 * every candidate, and the threshold at the best F1 of the precision/recall curve of the top-ranked candidates, since
 * whether to quote is decided once a turn, on its best item. Written by hand: eleven weights need no numerical library.
 */
public final class ConfidenceFit {

  /** One labelled candidate; {@code top}: it was ranked first in its turn. */
  public record Example(double[] features, boolean answers, boolean top) {}

  /** A point of the precision/recall curve: quoting every candidate at or above {@code threshold}. */
  public record Point(double threshold, double precision, double recall, double f1, int quoted) {}

  private static final int ITERATIONS = 4000;
  private static final double RATE = 0.5;
  private static final double L2 = 1e-3;

  private ConfidenceFit() {}

  /** Fits the weights and chooses the threshold of the best F1 on {@code examples}. */
  public static AnswerConfidence fit(List<Example> examples) {
    if (examples.isEmpty()) throw new IllegalArgumentException("no examples to calibrate on");
    int n = AnswerFeatures.NAMES.size();
    double[] w = new double[n];
    double b = 0;
    for (int it = 0; it < ITERATIONS; it++) {
      double[] gw = new double[n];
      double gb = 0;
      for (Example e : examples) {
        double err = AnswerConfidence.probability(b, w, e.features()) - (e.answers() ? 1 : 0);
        gb += err;
        for (int i = 0; i < n; i++) gw[i] += err * e.features()[i];
      }
      b -= RATE * gb / examples.size();
      for (int i = 0; i < n; i++) w[i] -= RATE * (gw[i] / examples.size() + L2 * w[i]);
    }
    AnswerConfidence fitted = new AnswerConfidence(b, w, 0.5);
    List<Example> tops = examples.stream().filter(Example::top).toList();
    Point best = curve(fitted, tops.isEmpty() ? examples : tops, null).stream()
        .max((x, y) -> Double.compare(x.f1(), y.f1())).orElseThrow();
    return fitted.withThreshold(best.threshold());
  }

  /**
   * The precision/recall curve of {@code confidence} on {@code examples}: at each threshold in {@code thresholds}, or at
   * every distinct confidence when null.
   */
  public static List<Point> curve(AnswerConfidence confidence, List<Example> examples, double[] thresholds) {
    double[] p = examples.stream().mapToDouble(e -> confidence.of(e.features())).toArray();
    long positives = examples.stream().filter(Example::answers).count();
    double[] at = thresholds != null ? thresholds : Arrays.stream(p).distinct().sorted().toArray();
    List<Point> out = new ArrayList<>();
    for (double t : at) {
      int quoted = 0, right = 0;
      for (int i = 0; i < p.length; i++) {
        if (p[i] >= t) {
          quoted++;
          if (examples.get(i).answers()) right++;
        }
      }
      double precision = quoted == 0 ? 1 : right / (double) quoted;
      double recall = positives == 0 ? 0 : right / (double) positives;
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      out.add(new Point(t, precision, recall, f1, quoted));
    }
    return out;
  }

  /** Writes {@code confidence} as the calibration file {@link AnswerConfidence#read} reads, under a comment. */
  public static void write(AnswerConfidence confidence, List<String> comment, Writer out) throws IOException {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("bias", confidence.bias());
    List<Double> w = confidence.weights();
    for (int i = 0; i < w.size(); i++) values.put("weight." + AnswerFeatures.NAMES.get(i), w.get(i));
    values.put("threshold", confidence.threshold());
    WeightsFile.write(comment, values, out);
  }
}
