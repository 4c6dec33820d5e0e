package dev.xdai.dialogue;

import dev.xdai.prompting.ContextEntry;
import dev.xdai.prompting.Exchange;
import dev.xdai.prompting.HistoryOrder;
import dev.xdai.prompting.TokenCounter;
import dev.xdai.retrieval.Embedder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Step 1 of prompt manufacturing: keeps the earlier exchanges most relevant to the current utterance, scored by
 * recency-decayed semantic similarity {@code alpha^(t-i) * cos([U_i; S_i], U_t)}, within a token budget.
 */
public final class HistorySelector {

  /**
   * @param alpha recency decay per exchange of distance (1 = no decay)
   * @param maxSelected at most this many exchanges
   * @param tokenBudget their rendered size stays within this many tokens
   * @param keepLast the most recent exchanges always kept (the reply usually refers to them), within the budget
   * @param order dialogue order, or relevance order with the most relevant next to the query
   */
  public record Settings(double alpha, int maxSelected, int tokenBudget, int keepLast, HistoryOrder order) {
    public static Settings defaults() { return new Settings(0.85, 12, 240, 1, HistoryOrder.DIALOGUE); }
  }

  private final Settings settings;
  private final TokenCounter counter;

  public HistorySelector(Settings settings, TokenCounter counter) {
    this.settings = settings;
    this.counter = counter;
  }

  /**
   * Selects from {@code history} (oldest first) for {@code query}; {@code embedder} is asked for every exchange's vector
   * each turn, so it should cache them (the service's {@code CachingEmbedder}).
   */
  public List<ContextEntry> select(List<Exchange> history, String query, Embedder embedder) {
    return select(history, query, embedder, settings.order());
  }

  /** As {@link #select(List, String, Embedder)}, the result in {@code order} instead of the configured one. */
  public List<ContextEntry> select(List<Exchange> history, String query, Embedder embedder, HistoryOrder order) {
    if (history.isEmpty() || settings.maxSelected() <= 0) return List.of();
    List<String> texts = new ArrayList<>(history.size() + 1);
    texts.add(query);
    history.forEach(e -> texts.add(exchangeText(e)));
    List<float[]> vectors = embedder.embedAll(texts);
    float[] q = vectors.get(0);
    int t = history.size();
    List<ContextEntry> scored = new ArrayList<>(t);
    for (int i = 0; i < t; i++) {
      double decay = Math.pow(settings.alpha(), t - i);
      scored.add(new ContextEntry(history.get(i), decay * Embedder.cosine(vectors.get(i + 1), q), List.of()));
    }
    return choose(scored, order);
  }

  /** Without embeddings (the ablation): the most recent exchanges, relevance = recency. */
  public List<ContextEntry> recent(List<Exchange> history) {
    int t = history.size();
    List<ContextEntry> scored = new ArrayList<>(t);
    for (int i = 0; i < t; i++) scored.add(new ContextEntry(history.get(i), Math.pow(settings.alpha(), t - i), List.of()));
    return choose(scored, settings.order());
  }

  private List<ContextEntry> choose(List<ContextEntry> scored, HistoryOrder orderOf) {
    int t = scored.size();
    List<ContextEntry> candidates = new ArrayList<>();
    for (int i = Math.max(0, t - settings.keepLast()); i < t; i++) candidates.add(scored.get(i));
    candidates.sort(Comparator.comparingInt((ContextEntry e) -> e.exchange().index()).reversed());
    List<ContextEntry> rest = new ArrayList<>(scored.subList(0, Math.max(0, t - settings.keepLast())));
    rest.sort(Comparator.comparingDouble(ContextEntry::relevance).reversed());
    candidates.addAll(rest);

    List<ContextEntry> kept = new ArrayList<>();
    int used = 0;
    for (ContextEntry e : candidates) {
      if (kept.size() >= settings.maxSelected()) break;
      int cost = counter.count(exchangeText(e.exchange())) + 6; // speaker tags and separators
      if (used + cost > settings.tokenBudget()) continue;
      kept.add(e);
      used += cost;
    }
    Comparator<ContextEntry> order = (orderOf == null ? settings.order() : orderOf) == HistoryOrder.DIALOGUE
        ? Comparator.comparingInt(e -> e.exchange().index())
        : Comparator.comparingDouble(ContextEntry::relevance).thenComparingInt(e -> e.exchange().index());
    kept.sort(order);
    return List.copyOf(kept);
  }

  /** The text an exchange is embedded as: the user's utterance with the reply that followed. */
  static String exchangeText(Exchange e) {
    return e.bot().isBlank() ? e.user() : e.user() + " " + e.bot();
  }
}
