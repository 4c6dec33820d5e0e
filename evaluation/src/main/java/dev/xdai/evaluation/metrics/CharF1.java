package dev.xdai.evaluation.metrics;

/**
 * {@code f1} and {@code knowledge_f1}: F1 of the multiset of characters of a reply against a reference. The overlap
 * counts each character min(count in reply, count in reference) times; precision divides it by the reply's length,
 * recall by the reference's. No overlap (including an empty reply) scores 0.
 */
public final class CharF1 {

  /** How many characters of the joined gold knowledge values {@code knowledge_f1} compares against. */
  public static final int KNOWLEDGE_CHARS = 120;

  private CharF1() {}

  /** F1 in [0, 1] of {@code reply} against {@code reference}. */
  public static double f1(String reply, String reference) {
    int[] r = CharText.chars(reply);
    int[] g = CharText.chars(reference);
    int common = NgramOverlap.clipped(CharText.ngramCounts(r, 1), CharText.ngramCounts(g, 1));
    if (common == 0) return 0;
    double precision = (double) common / r.length;
    double recall = (double) common / g.length;
    return 2 * precision * recall / (precision + recall);
  }

  /**
   * The reference of {@code knowledge_f1}: the gold values joined together (no separator), whitespace removed, cut to
   * the first 120 characters.
   */
  public static String knowledgeReference(Iterable<String> values) {
    StringBuilder joined = new StringBuilder();
    for (String v : values) joined.append(v);
    return CharText.cut(CharText.normalise(joined.toString()), KNOWLEDGE_CHARS);
  }
}
