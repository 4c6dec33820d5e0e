package dev.xdai.evaluation.metrics;

/**
 * {@code bleu1} and {@code bleu2}: clipped character n-gram precision of a reply against the gold reply, per sample,
 * without brevity penalty. Each reply n-gram counts at most as often as it occurs in the gold reply; a reply with no
 * n-gram (shorter than n) scores 0.
 */
public final class Bleu {

  private Bleu() {}

  /** Clipped n-gram precision in [0, 1]. */
  public static double precision(String reply, String gold, int n) {
    int[] r = CharText.chars(reply);
    int total = CharText.ngramTotal(r.length, n);
    if (total == 0) return 0;
    int clipped = NgramOverlap.clipped(CharText.ngramCounts(r, n), CharText.ngramCounts(CharText.chars(gold), n));
    return (double) clipped / total;
  }
}
