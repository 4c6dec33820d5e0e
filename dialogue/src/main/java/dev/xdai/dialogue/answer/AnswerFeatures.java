package dev.xdai.dialogue.answer;

import dev.xdai.dialogue.KnowledgeInjector;
import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.retrieval.ChineseText;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The signals, already at hand after retrieval, that a knowledge item answers the current utterance. Each lies in
 * [0, 1]; {@link AnswerConfidence} weighs them. Names are the calibration file's keys.
 *
 * @param score the item's fused retrieval score (1 = first in every ranked list)
 * @param margin how far it leads the next item
 * @param questionOverlap share of the utterance's character bigrams that the item's question has too
 * @param attributeAsked share of the fact's attribute bigrams the utterance names (门票 in 门票怎么卖)
 * @param questionAsked share of the bigrams of the item's question, its entity's name left out, that the utterance
 *     names: what the question asks of the entity (在哪里 in 康宁社区诊所在哪里？, which names no attribute)
 * @param entityInUtterance the fact's entity is named in the utterance
 * @param entityInContext the fact's entity is named in the recent dialogue but not in the utterance
 * @param question the utterance asks something
 * @param alreadySaid the dialogue has already stated the answer
 * @param description the item is a description, not one attribute
 * @param curated the item is a curated question and answer (an FAQ), not a fact of the graph
 * @param coverage share of the utterance's topic characters (function words aside) that the item's question, answer
 *     or entity contains: a question about something the item never mentions (CT against 洗牙) is not answered by it
 * @param kindMatch the utterance asks for a kind of thing ({@link AskedKind}) that the item's question asks for too,
 *     or that its value's shape shows
 * @param kindMismatch the utterance asks for a kind of thing that the item's question does not (多大了 against a
 *     description)
 */
public record AnswerFeatures(double score, double margin, double questionOverlap, double attributeAsked,
    double questionAsked, double entityInUtterance, double entityInContext, double question, double alreadySaid, double description, double curated,
    double coverage, double kindMatch, double kindMismatch) {

  /** The feature names, in {@link #values()} order. */
  public static final List<String> NAMES = List.of("score", "margin", "questionOverlap", "attributeAsked",
      "questionAsked", "entityInUtterance", "entityInContext", "question", "alreadySaid", "description", "curated", "coverage",
      "kindMatch", "kindMismatch");

  private static final Pattern QUESTION = Pattern.compile(
      "[？?]|吗|么|呢|什么|多少|几|谁|哪|怎|如何|是不是|有没有|能不能|可不可以|会不会|要不要|多久|多长|多大|多高|多远");

  public double[] values() {
    return new double[] {score, margin, questionOverlap, attributeAsked, questionAsked, entityInUtterance, entityInContext, question,
        alreadySaid, description, curated, coverage, kindMatch, kindMismatch};
  }

  /**
   * The features of {@code item}, ranked before {@code next} (null when it is the last), for {@code utterance} after
   * {@code recent} (the latest utterances, oldest first).
   */
  public static AnswerFeatures of(KnowledgeItem item, KnowledgeItem next, String utterance, List<String> recent) {
    String said = ChineseText.fold(utterance);
    String context = ChineseText.fold(String.join("\n", recent));
    Set<String> asked = ChineseText.bigrams(utterance);
    double overlap = asked.isEmpty() ? 0 : shared(asked, ChineseText.bigrams(item.title())) / (double) asked.size();
    KnowledgeItem.Fact fact = item.fact();
    boolean isDescription = item.format() == KnowledgeItem.Format.DESCRIPTION || (fact != null && fact.attribute().isBlank())
        || (fact != null && fact.attribute().equalsIgnoreCase("Information"));
    double attribute = 0, inUtterance = 0, inContext = 0;
    if (fact != null) {
      if (!isDescription) {
        Set<String> attributeBigrams = ChineseText.bigrams(fact.attribute());
        attribute = attributeBigrams.isEmpty() ? 0 : shared(attributeBigrams, ChineseText.bigrams(utterance)) / (double) attributeBigrams.size();
      }
      String entity = ChineseText.fold(fact.shortEntity());
      if (!entity.isBlank()) {
        if (said.contains(entity)) inUtterance = 1;
        else if (context.contains(entity)) inContext = 1;
      }
    }
    String answer = KnowledgeInjector.sayable(item.text());
    String dialogue = KnowledgeInjector.sayable(utterance) + "\n" + KnowledgeInjector.sayable(String.join("\n", recent));
    double alreadySaid = answer.length() >= 2 && dialogue.contains(answer) ? 1 : 0;
    double margin = Math.max(0, Math.min(1, item.score() - (next == null ? 0 : next.score())));
    Set<String> topic = ChineseText.topicChars(utterance);
    Set<String> itemChars = ChineseText.topicChars(item.title() + "\n" + item.text() + (fact == null ? "" : "\n" + fact.entity()));
    double coverage = topic.isEmpty() ? 0 : shared(topic, itemChars) / (double) topic.size();
    Set<AskedKind> kinds = AskedKind.of(utterance);
    Set<AskedKind> itemKinds = AskedKind.of(item.title() + (fact == null || isDescription ? "" : "\n" + fact.attribute()));
    if (!isDescription) itemKinds.addAll(AskedKind.ofValue(item.text()));
    boolean kindMatch = kinds.stream().anyMatch(itemKinds::contains);
    return new AnswerFeatures(clamp(item.score()), margin, overlap, attribute, questionAsked(item, asked), inUtterance, inContext,
        isQuestion(utterance) ? 1 : 0, alreadySaid, isDescription ? 1 : 0, fact == null ? 1 : 0, coverage, kindMatch ? 1 : 0,
        !kinds.isEmpty() && !kindMatch ? 1 : 0);
  }

  /** These features with {@code alreadySaid} cleared. */
  public AnswerFeatures unsaid() {
    return new AnswerFeatures(score, margin, questionOverlap, attributeAsked, questionAsked, entityInUtterance, entityInContext,
        question, 0, description, curated, coverage, kindMatch, kindMismatch);
  }

  /** Whether the utterance asks something: a question mark, a question particle or a question word. */
  public static boolean isQuestion(String utterance) {
    return QUESTION.matcher(utterance).find();
  }

  /** The share of the question's own bigrams, apart from its entity's name, among {@code asked}. */
  private static double questionAsked(KnowledgeItem item, Set<String> asked) {
    String title = ChineseText.fold(item.title());
    KnowledgeItem.Fact fact = item.fact();
    String[] parts = {title};
    if (fact != null && !fact.shortEntity().isBlank()) {
      // The longest name first: the pieces of the question around it are what it asks.
      String name = title.contains(ChineseText.fold(fact.entity())) ? fact.entity() : fact.shortEntity();
      parts = title.split(Pattern.quote(ChineseText.fold(name)), -1);
    }
    Set<String> own = new HashSet<>();
    for (String part : parts) own.addAll(ChineseText.bigrams(part));
    return own.isEmpty() ? 0 : shared(own, asked) / (double) own.size();
  }

  private static int shared(Set<String> a, Set<String> b) {
    int n = 0;
    for (String x : a) if (b.contains(x)) n++;
    return n;
  }

  private static double clamp(double x) {
    return Math.max(0, Math.min(1, x));
  }
}
