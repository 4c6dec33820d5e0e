package dev.xdai.dialogue;

import dev.xdai.prompting.ContextEntry;
import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.retrieval.KnowledgeQuery;
import dev.xdai.retrieval.KnowledgeSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Step 2: QA-formatted knowledge placed just before the utterance it grounds, for each selected history exchange and
 * for the current utterance. An item is injected once, next to the utterance closest to the query.
 */
public final class KnowledgeInjector {

  /** @param perHistory QA items before each selected history exchange; @param perQuery QA items before the query */
  public record Settings(int perHistory, int perQuery, int contextUtterances) {
    public static Settings defaults() { return new Settings(1, 3, 2); }
  }

  /** The history entries with their knowledge, and the query's knowledge. */
  public record Injection(List<ContextEntry> history, List<KnowledgeItem> query) {}

  private final KnowledgeSource source;
  private final Settings settings;

  public KnowledgeInjector(KnowledgeSource source, Settings settings) {
    this.source = source;
    this.settings = settings;
  }

  public Injection inject(List<ContextEntry> history, String query, Set<String> packs) {
    List<String> context = recentUtterances(history);
    Set<String> seen = new HashSet<>();
    List<KnowledgeItem> forQuery = take(source.retrieve(KnowledgeQuery.qa(query, context, packs, settings.perQuery())), settings.perQuery(), seen);
    if (settings.perHistory() <= 0) return new Injection(history, forQuery);
    // Walk from the newest exchange back, so a shared item stays next to the utterance nearest the query.
    List<ContextEntry> withKnowledge = new ArrayList<>(history);
    for (int i = history.size() - 1; i >= 0; i--) {
      ContextEntry e = history.get(i);
      List<KnowledgeItem> items = take(source.retrieve(KnowledgeQuery.qa(HistorySelector.exchangeText(e.exchange()), List.of(), packs, settings.perHistory())),
          settings.perHistory(), seen);
      withKnowledge.set(i, new ContextEntry(e.exchange(), e.relevance(), items));
    }
    return new Injection(List.copyOf(withKnowledge), forQuery);
  }

  /** The query's knowledge is given (oracle evaluation); history gets none. */
  public static Injection given(List<ContextEntry> history, List<KnowledgeItem> items) {
    return new Injection(history, List.copyOf(items));
  }

  private static List<KnowledgeItem> take(List<KnowledgeItem> items, int limit, Set<String> seen) {
    List<KnowledgeItem> out = new ArrayList<>();
    for (KnowledgeItem k : items) {
      if (out.size() >= limit) break;
      if (seen.add(k.id())) out.add(k);
    }
    return out;
  }

  private List<String> recentUtterances(List<ContextEntry> history) {
    List<String> out = new ArrayList<>();
    for (int i = history.size() - 1; i >= 0 && out.size() < settings.contextUtterances(); i--) out.add(0, history.get(i).exchange().user());
    return out;
  }
}
