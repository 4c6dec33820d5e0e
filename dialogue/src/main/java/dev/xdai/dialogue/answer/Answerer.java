package dev.xdai.dialogue.answer;

import dev.xdai.generation.Scorer;
import dev.xdai.generation.ModelUnavailableException;
import dev.xdai.generation.Score;
import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.retrieval.ChineseText;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether the turn's knowledge answers the utterance, and words a quoted answer: every frame of
 * {@link AnswerFrames}, and the model's own reply when it quotes every span, are scored by the model as the fill of
 * the turn's blank, and the likeliest per token is said. Thread-safe.
 */
public final class Answerer {

  /**
   * @param maxQuotes facts quoted together at most; @param maxQuoteChars the longest span quoted from one answer;
   * @param maxReplyChars the spans of several facts stop before they pass this length together; @param tailTokens
   *     how much the model may add after a quoted frame (0: nothing, the default: the shipped small model's additions
   *     are rarely sentences a reader can follow; a large GLM behind the remote backend may be given room)
   */
  public record Settings(int maxQuotes, int maxQuoteChars, int maxReplyChars, int tailTokens) {
    public static Settings defaults() { return new Settings(3, 58, 60, 0); }
  }

  /** One item of the turn's knowledge with its features and confidence. */
  public record Candidate(KnowledgeItem item, AnswerFeatures features, double confidence) {}

  /**
   * The turn's candidates, best ranked first, and those confident enough to quote, the most confident first, for
   * {@code utterance}; {@code given} when the caller chose the knowledge for this turn.
   */
  public record Decision(List<Candidate> candidates, List<Candidate> confident, String utterance, boolean given) {
    public double topConfidence() { return candidates.stream().mapToDouble(Candidate::confidence).max().orElse(0); }
  }

  /** The reply that quotes, the quotes it says, and whether it is the model's own wording. */
  public record Quoted(String reply, List<AnswerFrames.Quote> quotes, boolean modelWorded) {}

  private final AnswerConfidence confidence;
  private final Settings settings;

  public Answerer(AnswerConfidence confidence, Settings settings) {
    this.confidence = confidence;
    this.settings = settings;
  }

  public AnswerConfidence confidence() { return confidence; }

  public Settings settings() { return settings; }

  /**
   * Weighs the knowledge injected for the utterance ({@code knowledge}, best first). Knowledge the caller gave with the
   * request (not retrieved) is confident by definition: it was chosen for this turn.
   */
  public Decision decide(List<KnowledgeItem> knowledge, boolean given, String utterance, List<String> recent) {
    return decide(knowledge, given, utterance, recent, List.of());
  }

  /**
   * The same, and {@code earlier}: knowledge injected for the history's exchanges, which answers the utterance only
   * when it asks about part of an answer already given (那补牙呢 after the price list); it is weighed then and never
   * otherwise, so it is not among the candidates.
   */
  public Decision decide(List<KnowledgeItem> knowledge, boolean given, String utterance, List<String> recent,
      List<KnowledgeItem> earlier) {
    List<Candidate> all = new ArrayList<>(knowledge.size());
    List<Candidate> confident = new ArrayList<>();
    for (int i = 0; i < knowledge.size(); i++) {
      KnowledgeItem k = knowledge.get(i);
      KnowledgeItem next = i + 1 < knowledge.size() ? knowledge.get(i + 1) : null;
      AnswerFeatures f = AnswerFeatures.of(k, next, utterance, recent);
      // A part of a said answer that is asked about is no repetition: weighed as if unsaid, an elliptical question as
      // the question it follows.
      boolean again = f.alreadySaid() == 1 && askedAgain(f, k, utterance);
      double p = given ? 1.0 : confidence.of(again ? askedAgainFeatures(k, next, utterance, recent) : f);
      Candidate c = new Candidate(k, f, p);
      all.add(c);
      if (confidence.confident(p) && (f.alreadySaid() == 0 || again)) confident.add(c);
    }
    if (!given) {
      for (KnowledgeItem k : earlier) {
        if (knowledge.stream().anyMatch(q -> q.id().equals(k.id()))) continue;
        AnswerFeatures f = AnswerFeatures.of(k, null, utterance, recent);
        if (f.alreadySaid() == 0 || !askedAgain(f, k, utterance)) continue;
        double p = confidence.of(askedAgainFeatures(k, null, utterance, recent));
        if (confidence.confident(p)) confident.add(new Candidate(k, f, p));
      }
    }
    // The lead quote is the item most likely to answer, which need not be the one retrieval ranked first.
    confident.sort((a, b) -> Double.compare(b.confidence(), a.confidence()));
    return new Decision(all, confident, utterance, given);
  }

  /** The features of an item asked about again: on the question an elliptical utterance stands for, as if unsaid. */
  private static AnswerFeatures askedAgainFeatures(KnowledgeItem k, KnowledgeItem next, String utterance, List<String> recent) {
    return AnswerFeatures.of(k, next, FollowUp.expand(utterance, recent), recent).unsaid();
  }

  /**
   * Whether part of an answer the dialogue has already stated is asked about: a question whose every topic character
   * the item holds and that points at a later sentence of it (那补牙呢 after 洗牙每次150元；补牙按材料收费). That part
   * is said then; otherwise a said answer is not said twice.
   */
  private boolean askedAgain(AnswerFeatures f, KnowledgeItem item, String utterance) {
    return f.question() == 1 && f.coverage() >= 1.0
        && !QuoteSpan.of(item.text(), settings.maxQuoteChars(), utterance, AnswerFrames.known(item))
            .equals(QuoteSpan.of(item.text(), settings.maxQuoteChars()));
  }

  /**
   * The quotes the reply says: the most confident item's span, and the other confident items about the same entity
   * that are asked too, while every frame of them fits the reply's length. Asked too means another value of the lead's
   * attribute (主演 has several), a fact whose attribute the utterance names (门票和开放时间), or any fact the caller gave
   * for the turn: a fact merely confident, about the same entity but not asked for, would bury the answer.
   */
  public List<AnswerFrames.Quote> quotes(Decision decision) {
    List<KnowledgeItem> items = new ArrayList<>();
    for (Candidate c : decision.confident()) {
      if (items.size() >= settings.maxQuotes()) break;
      if (!items.isEmpty() && !(sameEntity(items.get(0), c.item()) && (decision.given() || askedToo(items.get(0), c)))) continue;
      List<KnowledgeItem> more = new ArrayList<>(items);
      more.add(c.item());
      if (items.isEmpty() || fits(AnswerFrames.variants(AnswerFrames.quotes(more, settings.maxQuoteChars(), decision.utterance())))) {
        items = more;
      }
    }
    return AnswerFrames.quotes(items, settings.maxQuoteChars(), decision.utterance());
  }

  private static boolean askedToo(KnowledgeItem lead, Candidate c) {
    return c.features().attributeAsked() > 0 || lead.fact().attribute().equals(c.item().fact().attribute());
  }

  private static boolean sameEntity(KnowledgeItem a, KnowledgeItem b) {
    return a.fact() != null && b.fact() != null && !a.fact().shortEntity().isBlank()
        && a.fact().shortEntity().equals(b.fact().shortEntity());
  }

  private boolean fits(List<String> variants) {
    return variants.stream().allMatch(v -> v.codePointCount(0, v.length()) <= settings.maxReplyChars());
  }

  /**
   * The quoted reply for {@code quotes}: the frames, and {@code generated} (the model's own reply to the same prompt,
   * or null) when it says every span, scored by {@code scorer} as the fill of {@code promptText}; the likeliest per
   * token wins. Without a scorer (null: the model gives no likelihoods), or when scoring fails, the model's own
   * wording is said when it quotes, else the first frame that names the attribute.
   */
  public Quoted word(List<AnswerFrames.Quote> quotes, String generated, Scorer scorer, String promptText) {
    List<String> options = new ArrayList<>(AnswerFrames.variants(quotes));
    // A reply longer than the service says would be cut, perhaps inside a number: only frames that fit compete.
    List<String> fitting = options.stream().filter(v -> v.codePointCount(0, v.length()) <= settings.maxReplyChars()).toList();
    if (!fitting.isEmpty()) options = new ArrayList<>(fitting);
    else options = new ArrayList<>(List.of(options.get(0)));
    boolean ownWording = generated != null && saysEvery(generated, quotes) && !options.contains(generated);
    if (ownWording) options.add(generated);
    if (options.isEmpty()) throw new IllegalArgumentException("nothing to quote");
    int best = -1;
    try {
      if (scorer == null) throw new ModelUnavailableException("no likelihoods");
      List<Score> scores = scorer.score(promptText, options);
      double bestValue = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < scores.size(); i++) {
        Score s = scores.get(i);
        double perToken = s.tokens() == 0 ? Double.NEGATIVE_INFINITY : s.logProb() / s.tokens();
        if (perToken > bestValue) { bestValue = perToken; best = i; }
      }
    } catch (ModelUnavailableException | IllegalArgumentException e) {
      best = ownWording ? options.size() - 1 : Math.min(1, options.size() - 1);
    }
    if (best < 0) best = 0;
    return new Quoted(options.get(best), quotes, ownWording && best == options.size() - 1);
  }

  /** Whether {@code reply} says every span verbatim (white space and punctuation aside). */
  public static boolean saysEvery(String reply, List<AnswerFrames.Quote> quotes) {
    String said = ChineseText.contentOnly(reply);
    for (AnswerFrames.Quote q : quotes) if (!said.contains(ChineseText.contentOnly(q.span()))) return false;
    return true;
  }
}
