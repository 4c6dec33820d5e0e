package dev.xdai.dialogue;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.xdai.prompting.ContextEntry;
import dev.xdai.prompting.Exchange;
import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.retrieval.ChineseText;
import dev.xdai.retrieval.KnowledgeQuery;
import dev.xdai.retrieval.KnowledgeSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Step 2: QA-formatted knowledge placed just before the utterance it grounds, for each selected history exchange and
 * for the current utterance. An item is injected once, next to the utterance closest to the query.
 */
public final class KnowledgeInjector {

  /**
   * @param perHistory QA items before each selected history exchange; @param perQuery QA items before the query;
   * @param contextUtterances how many of the latest utterances (both speakers) the source sees as context, to find
   *     what the dialogue is about when the utterance does not say it (它的导演是谁); @param maxChars each item's text
   *     cut to this length, so that one long abstract cannot push the history and the other facts out of the prompt
   */
  public record Settings(int perHistory, int perQuery, int contextUtterances, int maxChars) {
    public static Settings defaults() { return new Settings(1, 5, 12, 120); }
  }

  /** The history entries with their knowledge, and the query's knowledge. */
  public record Injection(List<ContextEntry> history, List<KnowledgeItem> query) {}

  private final KnowledgeSource source;
  private final Settings settings;
  /**
   * A history exchange's knowledge, remembered while the source's knowledge stays the same: each turn would otherwise
   * search again for every selected exchange. Bounded; an entry unused for as long as a quiet session's own state is
   * kept ({@link DialogueService#IDLE}) belongs to a finished dialogue or to knowledge since replaced, so it expires.
   */
  private final Cache<HistoryKey, List<KnowledgeItem>> remembered = Caffeine.newBuilder().maximumSize(HISTORY_MEMORY)
      .expireAfterAccess(DialogueService.IDLE).executor(Runnable::run).recordStats().build();

  static final int HISTORY_MEMORY = 4096;

  private record HistoryKey(String text, Set<String> packs, int limit, long version) {}

  public KnowledgeInjector(KnowledgeSource source, Settings settings) {
    this.source = source;
    this.settings = settings;
  }

  /**
   * @param history the selected history exchanges, in the order the prompt shows them
   * @param dialogue the whole dialogue so far, oldest first (the source's context is its latest utterances)
   */
  public Injection inject(List<ContextEntry> history, List<Exchange> dialogue, String query, Set<String> packs) {
    return withHistory(history, forQuery(dialogue, query, packs), packs);
  }

  /**
   * The query's knowledge alone, which does not depend on the history selection: the pipeline looks it up while the
   * utterance's vector is still being computed. {@code dialogue} is the whole dialogue so far, oldest first.
   */
  public List<KnowledgeItem> forQuery(List<Exchange> dialogue, String query, Set<String> packs) {
    List<String> recent = recentUtterances(dialogue);
    // Twice the items asked for, so that news can take the place of what the dialogue has already said.
    List<KnowledgeItem> found = source.retrieve(KnowledgeQuery.qa(query, recent, packs, 2 * settings.perQuery()));
    return take(newsFirst(found, query, recent), settings.perQuery(), new HashSet<>());
  }

  /**
   * The items whose answer the utterance or the recent context already states (他是1947年3月14日出生的 against
   * 1947年03月14日; 云蒙峡 8:00-18:00 开放) come after the others, in their order: the reply grounds best on what has not
   * been said yet, and a repeated fact would take the place of one it can use. They are kept, last, for a user who asks
   * again. Compared as {@link #sayable} text; an answer shorter than two characters never counts as said.
   */
  static List<KnowledgeItem> newsFirst(List<KnowledgeItem> items, String query, List<String> recent) {
    StringBuilder said = new StringBuilder(sayable(query));
    for (String u : recent) said.append('\n').append(sayable(u));
    List<KnowledgeItem> news = new ArrayList<>(items.size());
    List<KnowledgeItem> repeated = new ArrayList<>();
    for (KnowledgeItem k : items) {
      String answer = sayable(k.text());
      (answer.length() >= 2 && said.indexOf(answer) >= 0 ? repeated : news).add(k);
    }
    news.addAll(repeated);
    return news;
  }

  /**
   * A text as it would be said: {@link ChineseText#contentOnly}, and a number's leading zeros dropped (a knowledge base
   * writes 1947年03月14日, people say 1947年3月14日).
   */
  public static String sayable(String text) {
    String content = ChineseText.contentOnly(text);
    StringBuilder out = new StringBuilder(content.length());
    for (int i = 0; i < content.length(); i++) {
      char c = content.charAt(i);
      boolean startsNumber = out.isEmpty() || !Character.isDigit(out.charAt(out.length() - 1));
      boolean moreDigits = i + 1 < content.length() && Character.isDigit(content.charAt(i + 1));
      if (c == '0' && startsNumber && moreDigits) continue; // 007 -> 7, but 10 and 0 stay
      out.append(c);
    }
    return out.toString();
  }

  /** Adds each selected exchange's knowledge to {@code history}; an item already before the query is not repeated. */
  public Injection withHistory(List<ContextEntry> history, List<KnowledgeItem> forQuery, Set<String> packs) {
    if (settings.perHistory() <= 0) return new Injection(history, List.copyOf(forQuery));
    Set<String> seen = new HashSet<>();
    forQuery.forEach(k -> seen.add(k.id()));
    // Walk from the newest exchange back, so a shared item stays next to the utterance nearest the query.
    List<ContextEntry> withKnowledge = new ArrayList<>(history);
    for (int i = history.size() - 1; i >= 0; i--) {
      ContextEntry e = history.get(i);
      List<KnowledgeItem> items = take(historyKnowledge(HistorySelector.exchangeText(e.exchange()), packs), settings.perHistory(), seen);
      withKnowledge.set(i, new ContextEntry(e.exchange(), e.relevance(), items));
    }
    return new Injection(List.copyOf(withKnowledge), List.copyOf(forQuery));
  }

  /**
   * Looks up a finished exchange's knowledge ahead of the next turn, which will show that exchange in its history: the
   * service calls this between turns, while the user reads and types.
   */
  public void prepare(Exchange finished, Set<String> packs) {
    if (settings.perHistory() > 0) historyKnowledge(HistorySelector.exchangeText(finished), packs);
  }

  /** A history exchange's knowledge: the same text and packs get the same items while the knowledge is unchanged. */
  private List<KnowledgeItem> historyKnowledge(String text, Set<String> packs) {
    KnowledgeQuery query = KnowledgeQuery.qa(text, List.of(), packs, settings.perHistory());
    OptionalLong version = source.version(); // read before searching: a change during the search gets a new key
    if (version.isEmpty()) return source.retrieve(query);
    HistoryKey key = new HistoryKey(text, query.packs(), query.limit(), version.getAsLong());
    List<KnowledgeItem> known = remembered.getIfPresent(key);
    if (known != null) return known;
    // Searched outside the cache's lock: two turns may both search, and both get the same items.
    List<KnowledgeItem> items = List.copyOf(source.retrieve(query));
    remembered.put(key, items);
    return items;
  }

  /** The memory of history exchanges' knowledge, for metrics. */
  public Cache<?, ?> historyCache() {
    return remembered;
  }

  /** The query's knowledge is given (oracle evaluation); history gets none. */
  public static Injection given(List<ContextEntry> history, List<KnowledgeItem> items) {
    return new Injection(history, List.copyOf(items));
  }

  private List<KnowledgeItem> take(List<KnowledgeItem> items, int limit, Set<String> seen) {
    List<KnowledgeItem> out = new ArrayList<>();
    for (KnowledgeItem k : items) {
      if (out.size() >= limit) break;
      if (seen.add(k.id())) out.add(k.cut(settings.maxChars()));
    }
    return out;
  }

  /** The latest utterances of the dialogue, both speakers, oldest first. */
  private List<String> recentUtterances(List<Exchange> dialogue) {
    List<String> out = new ArrayList<>();
    for (int i = dialogue.size() - 1; i >= 0 && out.size() < settings.contextUtterances(); i--) {
      Exchange e = dialogue.get(i);
      if (!e.bot().isBlank()) out.add(0, e.bot());
      if (out.size() < settings.contextUtterances() && !e.user().isBlank()) out.add(0, e.user());
    }
    return out;
  }
}
