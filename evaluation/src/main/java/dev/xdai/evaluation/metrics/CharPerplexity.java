package dev.xdai.evaluation.metrics;

/**
 * {@code char_ppl} (corpus level, not times 100): exp of the summed negative log-likelihood of the gold replies given
 * their prompts divided by their summed character count. Samples the model could not score are left out; with none
 * scored the figure is undefined (NaN).
 */
public final class CharPerplexity {

  private double negLogLikelihood;
  private long chars;
  private int scored;

  /** Adds one gold reply's natural-log likelihood and its length in characters. */
  public void add(double logLikelihood, int replyChars) {
    if (replyChars <= 0) return;
    negLogLikelihood -= logLikelihood;
    chars += replyChars;
    scored++;
  }

  /** How many replies were scored. */
  public int scored() { return scored; }

  public double value() { return chars == 0 ? Double.NaN : Math.exp(negLogLikelihood / chars); }
}
