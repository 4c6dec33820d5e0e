package dev.xdai.retrieval.hybrid;

import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.retrieval.ChineseText;
import dev.xdai.retrieval.KnowledgeQuery;
import dev.xdai.retrieval.KnowledgeSource;
import dev.xdai.retrieval.index.IndexedKnowledge;
import dev.xdai.retrieval.index.KnowledgeFilter;
import dev.xdai.retrieval.index.KnowledgeIndex;
import dev.xdai.retrieval.index.KnowledgeIndex.ScoredDoc;
import dev.xdai.retrieval.link.EntityLinker;
import dev.xdai.retrieval.link.LinkedEntity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BinaryOperator;

/**
 * The knowledge source of a dialogue turn: three ranked lists over one index snapshot (BM25 on the words, HNSW on the
 * sentence vector, and the items of the entities the utterance names or, when it names none, of the entities the recent
 * dialogue is about, ordered by closeness to the utterance), fused by weighted reciprocal rank, filtered
 * by pack and format, de-duplicated by id and by near-identical text, cut to the limit. Each item's score is its fused
 * score divided by the best possible one, so 1.0 means "first in every list". Thread-safe.
 *
 * @param linker may be null: then only BM25 and vectors rank
 */
public record HybridKnowledgeSource(KnowledgeIndex index, EntityLinker linker, Config config) implements KnowledgeSource {

  /**
   * Ranking knobs. {@code candidates}: depth of each list; {@code rrfK}: the fusion constant; the weights of the lists
   * (BM25, vectors, the utterance's entities, the dialogue's focus entities), the entity lists heavier because the same
   * question about every other entity (…的门票多少钱？) matches the words and the vector as well as the right one, and
   * the focus list heavier still because its entities are weighted down by distance and by their links' confidence;
   * {@code minCosine}: vector hits below this cosine are dropped (bge-small-zh puts unrelated sentences around 0.1 to
   * 0.35 and paraphrases above 0.8), so a query about nothing in the index does not pull in its nearest noise; {@code minLinkConfidence}: weaker entity links are
   * ignored; {@code focusDecay}: an entity named in the context counts this much less for every utterance it lies further
   * back (the latest context utterance counts fully), and at most {@code focusEntities} of them are kept;
   * {@code duplicateJaccard}: items whose text shares at least this fraction of character bigrams with a better one are
   * dropped; {@code queryInstruction}: prefixed to the query before embedding (empty by default, see the README).
   */
  public record Config(int candidates, int rrfK, double textWeight, double vectorWeight, double entityWeight, double focusWeight,
      double minCosine, double minLinkConfidence, double focusDecay, int focusEntities, double duplicateJaccard, String queryInstruction) {

    public static Config defaults() {
      return new Config(50, 60, 1.0, 1.0, 3.0, 6.0, 0.45, 0.2, 0.8, 2, 0.9, "");
    }

    public Config withWeights(double text, double vector, double entity, double focus) {
      return new Config(candidates, rrfK, text, vector, entity, focus, minCosine, minLinkConfidence, focusDecay, focusEntities,
          duplicateJaccard, queryInstruction);
    }
  }

  /** Both generations only grow, so their sum changes with every change of either. */
  @Override
  public OptionalLong version() {
    return OptionalLong.of(index.generation() + (linker == null ? 0 : linker.dictionaryGeneration()));
  }

  /** The names of the ranked lists an item can be found by: words, sentence vector, the utterance's or the dialogue's entities. */
  public static final String TEXT_LIST = "bm25", VECTOR_LIST = "vector", ENTITY_LIST = "entity", FOCUS_LIST = "focus";

  /** An item as retrieval found it: the item (its score the normalised fused one) and its rank in each list that holds it. */
  public record Found(KnowledgeItem item, Map<String, Integer> ranks) {
    public Found {
      ranks = Map.copyOf(ranks);
    }
  }

  @Override
  public List<KnowledgeItem> retrieve(KnowledgeQuery query) {
    return explain(query).stream().map(Found::item).toList();
  }

  /** What {@link #retrieve} finds, with the lists that found each item and its rank in them. */
  public List<Found> explain(KnowledgeQuery query) {
    if (query.text() == null || query.text().isBlank() || query.limit() <= 0) return List.of();
    KnowledgeFilter filter = new KnowledgeFilter(query.packs(), query.formats());
    Map<String, Double> entities = ownEntities(query);
    Map<String, String> labels = new HashMap<>();
    // An utterance that names an entity is about it; one that names none is about what the dialogue is about, unless
    // it speaks to the bot's side.
    Map<String, Double> focus = entities.isEmpty() && !addressesTheBot(query.text()) ? focusEntities(query, labels) : Map.of();
    try (KnowledgeIndex.View view = index.view()) {
      // The turn pipeline embeds the utterance ahead, so by now the vector is usually ready or nearly so.
      float[] vector = index.hasVectors() ? index.embedder().embed(config.queryInstruction() + query.text()) : null;
      List<ScoredDoc> nearest = vector == null ? List.of() : view.vector(vector, filter, config.candidates());
      List<ScoredDoc> words = null; // the utterance's own words' hits, when the focus rule searched them
      if (!focus.isEmpty()) {
        List<ScoredDoc> own = view.text(query.text(), filter, config.candidates());
        if (asksWhatTheFocusLacks(view, query.text(), own, nearest, focus.keySet(), filter)) {
          focus = Map.of();
          words = own; // what wordQuery searches without a focus
        }
      }
      if (words == null) words = view.text(wordQuery(query.text(), focus, labels), filter, config.candidates());
      List<RankFusion.Ranking<Integer>> rankings = new ArrayList<>(3);
      rankings.add(new RankFusion.Ranking<>(TEXT_LIST, config.textWeight(), docs(words, 0)));
      if (vector != null) {
        float minScore = (float) ((1 + config.minCosine()) / 2); // Lucene's dot-product score is (1 + cos) / 2
        rankings.add(new RankFusion.Ranking<>(VECTOR_LIST, config.vectorWeight(), docs(nearest, minScore)));
      }
      addEntityRanking(rankings, ENTITY_LIST, view, entities, config.entityWeight(), vector, query.text(), filter);
      addEntityRanking(rankings, FOCUS_LIST, view, focus, config.focusWeight(), vector, query.text(), filter);
      double best = RankFusion.best(rankings, config.rrfK());
      List<Found> out = new ArrayList<>(query.limit());
      List<Set<String>> keptBigrams = new ArrayList<>();
      Set<String> keptIds = new HashSet<>();
      for (RankFusion.Fused<Integer> f : RankFusion.fuse(rankings, config.rrfK())) {
        if (out.size() >= query.limit()) break;
        IndexedKnowledge item = view.load(f.key());
        if (!keptIds.add(item.id())) continue;
        Set<String> bigrams = ChineseText.bigrams(item.title() + "\n" + item.text());
        if (keptBigrams.stream().anyMatch(b -> ChineseText.jaccard(b, bigrams) >= config.duplicateJaccard())) continue;
        keptBigrams.add(bigrams);
        Map<String, Integer> ranks = new LinkedHashMap<>();
        for (RankFusion.Ranking<Integer> r : rankings) {
          int rank = r.rankOf(f.key());
          if (rank > 0) ranks.put(r.name(), rank);
        }
        out.add(new Found(item.toItem(f.score() / best), ranks));
      }
      return out;
    }
  }

  /**
   * An utterance that says "you" in the plural (你们, 您们) speaks to the place or people the bot stands for, so it asks
   * about them rather than about the entity the dialogue last talked about: after the dental department's fees,
   * 你们几点开门？ asks the clinic's opening hours, not the department's.
   */
  static boolean addressesTheBot(String text) {
    return text.contains("你们") || text.contains("您们");
  }

  /**
   * Whether the utterance names an attribute that one other entity states and none of the focus entities does:
   * 挂号费多少钱？ after talk of the dental department asks the clinic's fee, the one 挂号费 there is, not one of the
   * department's facts. An attribute that many entities state (门票, 导演) is what the focus is for.
   */
  private boolean asksWhatTheFocusLacks(KnowledgeIndex.View view, String text, List<ScoredDoc> words, List<ScoredDoc> nearest,
      Set<String> focus, KnowledgeFilter filter) {
    Map<String, Set<String>> holders = new HashMap<>();
    List<ScoredDoc> near = new ArrayList<>(words);
    near.addAll(nearest);
    for (ScoredDoc d : near) {
      KnowledgeItem.Fact fact = view.load(d.doc()).fact();
      if (fact != null && !fact.attribute().isEmpty() && text.contains(fact.attribute())) {
        holders.computeIfAbsent(fact.attribute(), a -> new HashSet<>()).add(fact.entity());
      }
    }
    if (holders.isEmpty() || holders.values().stream().anyMatch(entities -> entities.size() > 1)) return false;
    Set<String> asked = holders.keySet();
    for (ScoredDoc d : view.entities(focus, null, text, filter, config.candidates())) {
      KnowledgeItem.Fact fact = view.load(d.doc()).fact();
      if (fact != null && asked.contains(fact.attribute())) return false;
    }
    return true;
  }

  /**
   * The words to search: an utterance that names no entity of its own (能游玩多长时间啊？) is about the dialogue's focus,
   * so the heaviest focus entity's name is searched with it. Otherwise the question's words alone find the same question
   * about every other entity, and those win on two lists (words and vector) against the focus entity's one.
   */
  static String wordQuery(String text, Map<String, Double> focus, Map<String, String> labels) {
    if (focus.isEmpty()) return text;
    return labels.get(focus.keySet().iterator().next()) + " " + text;
  }

  private static List<Integer> docs(List<ScoredDoc> hits, float minScore) {
    List<Integer> docs = new ArrayList<>(hits.size());
    for (ScoredDoc d : hits) if (d.score() >= minScore) docs.add(d.doc());
    return docs;
  }

  /**
   * One entity list: the items of these entities, closest to the utterance first. The list counts as much as its surest
   * link, so a guessed 2-character name (or a topic mentioned long ago) does not outvote BM25 and vectors.
   */
  private void addEntityRanking(List<RankFusion.Ranking<Integer>> rankings, String name, KnowledgeIndex.View view, Map<String, Double> entities,
      double weight, float[] vector, String text, KnowledgeFilter filter) {
    if (entities.isEmpty() || weight <= 0) return;
    double surest = entities.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    List<ScoredDoc> about = view.entities(entities.keySet(), vector, text, filter, config.candidates());
    rankings.add(new RankFusion.Ranking<>(name, weight * surest, docs(about, 0)));
  }

  /** Entity id to link confidence, for the entities the utterance itself names. */
  Map<String, Double> ownEntities(KnowledgeQuery query) {
    Map<String, Double> weights = new LinkedHashMap<>();
    if (linker != null) addLinks(weights, linker.link(query.text(), query.context(), query.packs()), 1.0, Math::max);
    return weights;
  }

  /**
   * The entities the recent dialogue is about (它 in 它的导演是谁): those named in the context, each mention weighted
   * by its link confidence times {@code focusDecay} per utterance further back and the mentions summed, the
   * {@code focusEntities} heaviest kept, heaviest first; {@code labels} gets their names.
   * Context is oldest first, as {@link KnowledgeQuery} has it.
   */
  Map<String, Double> focusEntities(KnowledgeQuery query, Map<String, String> labels) {
    Map<String, Double> weights = new LinkedHashMap<>();
    if (linker == null || config.focusEntities() <= 0) return weights;
    List<String> context = query.context();
    double factor = 1.0;
    for (int i = context.size() - 1; i >= 0; i--, factor *= config.focusDecay()) {
      // Summed over mentions: the topic of a conversation is named again and again, a word that happens to be a name once.
      List<LinkedEntity> links = linker.link(context.get(i), context.subList(0, i), query.packs());
      addLinks(weights, links, factor, Double::sum);
      links.forEach(e -> labels.putIfAbsent(e.entityId(), e.label()));
    }
    Map<String, Double> kept = new LinkedHashMap<>();
    weights.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(config.focusEntities())
        .forEach(e -> kept.put(e.getKey(), e.getValue()));
    return kept;
  }

  private void addLinks(Map<String, Double> weights, List<LinkedEntity> links, double factor,
      BinaryOperator<Double> combine) {
    for (LinkedEntity e : links) {
      if (e.confidence() >= config.minLinkConfidence()) weights.merge(e.entityId(), e.confidence() * factor, combine);
    }
  }
}
