package dev.xdai.dialogue.rank;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import dev.xdai.dialogue.WeightsFile;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How candidate replies are ranked when no knowledge answers the turn: a weighted sum of {@link ReplyFeatures} (the
 * GLM's forward, prior and inverse likelihoods and the reply's topical similarity to the utterance), with weights
 * fitted on conversations by {@code xdai eval rerank --fit} (a conditional logit: the true reply against the others of
 * its turn). Immutable.
 */
public final class ReplyRank {

  /** The shipped weights, on the class path beside this class. */
  public static final String RESOURCE = "reply-rank.properties";

  private final double[] weights;

  public ReplyRank(double[] weights) {
    if (weights.length != ReplyFeatures.NAMES.size()) {
      throw new IllegalArgumentException("expected " + ReplyFeatures.NAMES.size() + " weights, got " + weights.length);
    }
    for (double w : weights) if (!Double.isFinite(w)) throw new IllegalArgumentException("weights must be finite");
    this.weights = weights.clone();
  }

  private static final WeightsFile.Format<ReplyRank> FORMAT =
      new WeightsFile.Format<>(ReplyRank.class, RESOURCE, "the reply ranking",
          file -> new ReplyRank(file.weights(ReplyFeatures.NAMES)));

  /** The weights this build ships. */
  public static ReplyRank shipped() {
    return FORMAT.shipped();
  }

  /** Reads a weights file: {@code weight.<feature>} for every feature. */
  public static ReplyRank read(Reader reader) throws IOException {
    return FORMAT.read(reader);
  }

  public List<Double> weights() {
    return Arrays.stream(weights).boxed().toList();
  }

  /** A candidate's score from its {@link ReplyFeatures#values() features}; higher is better. */
  public double score(double[] features) {
    if (features.length != weights.length) throw new IllegalArgumentException("expected " + weights.length + " features");
    double s = 0;
    for (int i = 0; i < weights.length; i++) s += weights[i] * features[i];
    return s;
  }

  /** The index of the best-scoring candidate; {@code -1} for none. */
  public int best(List<double[]> candidates) {
    int best = -1;
    for (int i = 0; i < candidates.size(); i++) {
      if (best < 0 || score(candidates.get(i)) > score(candidates.get(best))) best = i;
    }
    return best;
  }

  private static final int ITERATIONS = 3000;
  private static final double RATE = 0.5;

  /**
   * Fits the weights on turns whose candidates' features are given with the true reply first: maximises the
   * likelihood that the true reply wins a softmax over its turn's candidates (a conditional logit), by gradient
   * descent, unregularised: the features are on different scales, so a penalty would favour some arbitrarily. Written
   * by hand: four weights need no numerical library.
   */
  public static ReplyRank fit(List<List<double[]>> turns) {
    List<List<double[]>> usable = turns.stream().filter(t -> t.size() > 1).toList();
    if (usable.isEmpty()) throw new IllegalArgumentException("no turn with two or more candidates to fit on");
    int n = ReplyFeatures.NAMES.size();
    double[] w = new double[n];
    for (int it = 0; it < ITERATIONS; it++) {
      double[] grad = new double[n];
      for (List<double[]> turn : usable) {
        double[] s = new double[turn.size()];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < s.length; c++) {
          for (int i = 0; i < n; i++) s[c] += w[i] * turn.get(c)[i];
          max = Math.max(max, s[c]);
        }
        double z = 0;
        for (int c = 0; c < s.length; c++) z += (s[c] = Math.exp(s[c] - max));
        for (int c = 0; c < s.length; c++) {
          double err = s[c] / z - (c == 0 ? 1 : 0);
          for (int i = 0; i < n; i++) grad[i] += err * turn.get(c)[i];
        }
      }
      for (int i = 0; i < n; i++) w[i] -= RATE * grad[i] / usable.size();
    }
    return new ReplyRank(w);
  }

  /** Writes the weights as the file {@link #read} reads, under a comment. */
  public void write(List<String> comment, Writer out) throws IOException {
    Map<String, Double> values = new LinkedHashMap<>();
    for (int i = 0; i < weights.length; i++) values.put("weight." + ReplyFeatures.NAMES.get(i), weights[i]);
    WeightsFile.write(comment, values, out);
  }
}
