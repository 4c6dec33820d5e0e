package dev.xdai.dialogue.answer;

import dev.xdai.dialogue.WeightsFile;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import java.util.List;

/**
 * The confidence that a knowledge item answers the current utterance: a logistic model over {@link AnswerFeatures},
 * fitted on conversations by {@code xdai eval calibrate}, and the threshold above which the reply quotes the item,
 * chosen there from the precision/recall curve. Immutable.
 */
public final class AnswerConfidence {

  /** The shipped calibration, on the class path beside this class. */
  public static final String RESOURCE = "answer-confidence.properties";

  private final double bias;
  private final double[] weights;
  private final double threshold;

  public AnswerConfidence(double bias, double[] weights, double threshold) {
    if (weights.length != AnswerFeatures.NAMES.size()) {
      throw new IllegalArgumentException("expected " + AnswerFeatures.NAMES.size() + " weights, got " + weights.length);
    }
    if (!(threshold >= 0 && threshold <= 1)) throw new IllegalArgumentException("threshold must be in [0, 1]");
    this.bias = bias;
    this.weights = weights.clone();
    this.threshold = threshold;
  }

  private static final WeightsFile.Format<AnswerConfidence> FORMAT =
      new WeightsFile.Format<>(AnswerConfidence.class, RESOURCE, "the answer calibration",
          file -> new AnswerConfidence(file.number("bias"), file.weights(AnswerFeatures.NAMES), file.number("threshold")));

  /** The calibration this build ships. */
  public static AnswerConfidence shipped() {
    return FORMAT.shipped();
  }

  /** Reads a calibration file: {@code bias}, {@code threshold} and {@code weight.<feature>} for every feature. */
  public static AnswerConfidence read(Reader reader) throws IOException {
    return FORMAT.read(reader);
  }

  /** The probability that the item with these features answers the utterance. */
  public double of(AnswerFeatures features) {
    return of(features.values());
  }

  /** The probability for features given as {@link AnswerFeatures#values()}. */
  public double of(double[] features) {
    return probability(bias, weights, features);
  }

  /** The logistic model: the one formula that fitting and serving share. */
  public static double probability(double bias, double[] weights, double[] x) {
    double z = bias;
    for (int i = 0; i < x.length; i++) z += weights[i] * x[i];
    return 1 / (1 + Math.exp(-z));
  }

  /** Whether a confidence is high enough to quote. */
  public boolean confident(double confidence) {
    return confidence >= threshold;
  }

  public double threshold() { return threshold; }

  public double bias() { return bias; }

  public List<Double> weights() { return Arrays.stream(weights).boxed().toList(); }

  /** This calibration with another threshold (an ablation or a curve's point). */
  public AnswerConfidence withThreshold(double newThreshold) {
    return new AnswerConfidence(bias, weights, newThreshold);
  }
}
