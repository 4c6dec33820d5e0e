package dev.xdai.retrieval.hybrid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Weighted reciprocal rank fusion: an item scores {@code sum of weight / (k + rank)} over the ranked lists it appears
 * in (rank from 1). It needs no score calibration between BM25, cosine and entity matches, only their orders; k = 60
 * (Cormack et al. 2009) keeps one list's top item from drowning agreement between lists.
 */
final class RankFusion {

  /** One ranked list of keys (best first), its weight, and its name (which list found an item). */
  record Ranking<K>(String name, double weight, List<K> keys) {
    Ranking(double weight, List<K> keys) {
      this("", weight, keys);
    }

    /** The key's rank in this list (from 1), or 0 when the list does not hold it. */
    int rankOf(K key) {
      return keys.indexOf(key) + 1;
    }
  }

  /** A fused key, its score, and its best rank in any list (the tie-breaker). */
  record Fused<K>(K key, double score, int bestRank) {}

  private RankFusion() {}

  static <K> List<Fused<K>> fuse(List<Ranking<K>> rankings, int k) {
    Map<K, double[]> acc = new HashMap<>(); // key -> {score, best rank, first-seen order}
    int order = 0;
    for (Ranking<K> r : rankings) {
      for (int i = 0; i < r.keys().size(); i++) {
        double[] a = acc.get(r.keys().get(i));
        if (a == null) acc.put(r.keys().get(i), a = new double[] {0, Integer.MAX_VALUE, order++});
        a[0] += r.weight() / (k + i + 1);
        a[1] = Math.min(a[1], i + 1);
      }
    }
    List<Map.Entry<K, double[]>> entries = new ArrayList<>(acc.entrySet());
    entries.sort(Comparator.comparingDouble((Map.Entry<K, double[]> e) -> -e.getValue()[0])
        .thenComparingDouble(e -> e.getValue()[1])
        .thenComparingDouble(e -> e.getValue()[2]));
    List<Fused<K>> out = new ArrayList<>(entries.size());
    for (Map.Entry<K, double[]> e : entries) out.add(new Fused<>(e.getKey(), e.getValue()[0], (int) e.getValue()[1]));
    return out;
  }

  /** The score of an item ranked first in every list: fused scores divided by it fall in (0, 1]. */
  static double best(List<? extends Ranking<?>> rankings, int k) {
    double s = 0;
    for (Ranking<?> r : rankings) s += r.weight() / (k + 1);
    return s;
  }
}
