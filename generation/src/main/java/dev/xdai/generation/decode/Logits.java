package dev.xdai.generation.decode;

/** Arithmetic on a row of logits. */
public final class Logits {

  private Logits() {}

  /** Natural-log probability of {@code token} under the softmax of {@code logits}, computed stably. */
  public static double logProb(float[] logits, int token) {
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) if (l > max) max = l;
    double sum = 0;
    for (float l : logits) sum += Math.exp(l - max);
    return logits[token] - max - Math.log(sum);
  }
}
