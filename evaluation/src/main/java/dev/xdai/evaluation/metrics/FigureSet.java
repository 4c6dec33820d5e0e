package dev.xdai.evaluation.metrics;

import dev.xdai.evaluation.kdconv.Triple;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates the figures over samples: per-sample figures are averaged, distinct-n and char_ppl are computed over the
 * corpus, and all but char_ppl are scaled to percent. Recall figures exist only when recall was measured.
 */
public final class FigureSet {

  private final boolean measureRecall;
  private final Map<Figure, Double> sums = new EnumMap<>(Figure.class);
  private final Distinct distinct1 = new Distinct(1);
  private final Distinct distinct2 = new Distinct(2);
  private final CharPerplexity perplexity = new CharPerplexity();
  private int samples;

  /** @param measureRecall whether {@code knowledge_recall@k} applies (the {@code retrieved} mode) */
  public FigureSet(boolean measureRecall) {
    this.measureRecall = measureRecall;
  }

  /**
   * Adds one sample.
   *
   * @param grounding the texts a number in the reply may come from: the prompt's knowledge and the context
   * @param goldLogLikelihood log-likelihood of the gold reply given the prompt, NaN when the model could not score it
   * @param goldChars the gold reply's length in characters
   * @param mode how the reply was produced ({@code quoted}, {@code generated}, {@code bank}, {@code unknown}, {@code fallback}), or
   *     empty when the dialogue does not say
   */
  public void add(String reply, String goldReply, List<Triple> goldTriples, List<String> grounding,
      List<InjectedKnowledge> injected, double goldLogLikelihood, int goldChars, String mode) {
    samples++;
    List<String> values = new ArrayList<>();
    goldTriples.forEach(t -> values.add(t.value()));
    sum(Figure.F1, CharF1.f1(reply, goldReply));
    sum(Figure.KNOWLEDGE_F1, CharF1.f1(reply, CharF1.knowledgeReference(values)));
    sum(Figure.BLEU1, Bleu.precision(reply, goldReply, 1));
    sum(Figure.BLEU2, Bleu.precision(reply, goldReply, 2));
    sum(Figure.HALLUCINATED_NUMBERS, HallucinatedNumbers.hallucinated(reply, grounding) ? 1 : 0);
    sum(Figure.ANSWER_RATE, AnswerRate.answers(reply, values) ? 1 : 0);
    for (Figure f : List.of(Figure.QUOTED, Figure.GENERATED, Figure.BANK, Figure.UNKNOWN, Figure.FALLBACK)) {
      sum(f, f.key().equals("mode_" + mode) ? 1 : 0);
    }
    if (measureRecall) {
      for (Figure f : Figure.values()) {
        if (f.recallK() > 0) sum(f, KnowledgeRecall.hit(injected, goldTriples, f.recallK()) ? 1 : 0);
      }
    }
    distinct1.add(reply);
    distinct2.add(reply);
    if (!Double.isNaN(goldLogLikelihood)) perplexity.add(goldLogLikelihood, goldChars);
  }

  public int samples() { return samples; }

  /** How many gold replies the model scored (char_ppl is over these). */
  public int scored() { return perplexity.scored(); }

  /** The figures, in {@link Figure} order; a figure that does not apply (or could not be measured) maps to null. */
  public Map<Figure, Double> figures() {
    Map<Figure, Double> out = new EnumMap<>(Figure.class);
    for (Figure f : Figure.values()) out.put(f, null);
    if (samples == 0) return out;
    sums.forEach((f, s) -> out.put(f, 100 * s / samples));
    out.put(Figure.DISTINCT1, 100 * distinct1.value());
    out.put(Figure.DISTINCT2, 100 * distinct2.value());
    double ppl = perplexity.value();
    out.put(Figure.CHAR_PPL, Double.isNaN(ppl) ? null : ppl);
    return out;
  }

  private void sum(Figure f, double value) { sums.merge(f, value, Double::sum); }
}
