package dev.xdai.dialogue.answer;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.io.InputStreamReader;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

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

  /** The calibration this build ships. */
  public static AnswerConfidence shipped() {
    try (InputStream in = AnswerConfidence.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the class path");
      return read(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a calibration file: {@code bias}, {@code threshold} and {@code weight.<feature>} for every feature. */
  public static AnswerConfidence read(Reader reader) throws IOException {
    Properties p = new Properties();
    p.load(reader);
    double[] w = new double[AnswerFeatures.NAMES.size()];
    for (int i = 0; i < w.length; i++) w[i] = number(p, "weight." + AnswerFeatures.NAMES.get(i));
    return new AnswerConfidence(number(p, "bias"), w, number(p, "threshold"));
  }

  private static double number(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null) throw new IllegalArgumentException("the answer calibration has no '" + key + "'");
    try {
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the answer calibration's '" + key + "' is not a number: " + v);
    }
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
