package dev.xdai.evaluation.eval;

import dev.xdai.evaluation.kdconv.KdConvConversation;
import dev.xdai.evaluation.kdconv.KdConvReader;
import dev.xdai.evaluation.kdconv.KdConvSample;
import dev.xdai.evaluation.kdconv.SampleDrawer;
import dev.xdai.evaluation.metrics.CharText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * {@code xdai eval rerank}: the power of the GLM reranker that chooses among candidate replies. For each sample, the
 * true reply is hidden among distractors (true replies of samples from other conversations) and every candidate is
 * scored over the sample's manufactured prompt; recall@1 is the share of samples whose true reply ranks first, by the
 * forward likelihood alone, the inverse likelihood alone, and their combination.
 */
public final class RerankEvaluation {

  /** Scores candidate replies over a prompt: per candidate, one score per {@link #SCORES} name. */
  @FunctionalInterface
  public interface Reranker {
    List<double[]> score(String prompt, String utterance, List<String> candidates);
  }

  /** The figures: recall@1 by each score, in percent, with the chance level. */
  public record Result(int samples, int skipped, int candidates, Map<String, Double> recallAt1, double chance) {}

  /**
   * The scores compared: the forward likelihood, the inverse likelihood, the forward likelihood above the reply's prior
   * ({@code pmi}), inverse prompting's combination of inverse and forward, and the service's combination of inverse
   * and pmi.
   */
  public static final List<String> SCORES = List.of("forward", "inverse", "pmi", "inverse+forward", "inverse+pmi");

  private final DialogueUnderTest dialogue;
  private final Reranker reranker;

  public RerankEvaluation(DialogueUnderTest dialogue, Reranker reranker) {
    this.dialogue = dialogue;
    this.reranker = reranker;
  }

  public Result run(List<Path> data, int samples, int candidates, long seed, String bot, IntConsumer progress) throws IOException {
    List<KdConvConversation> conversations = KdConvReader.read(KdConvReader.files(data));
    List<KdConvSample> all = SampleDrawer.all(conversations);
    List<KdConvSample> drawn = SampleDrawer.draw(conversations, samples, seed);
    Random random = new Random(seed);
    List<String> names = SCORES;
    int[] hits = new int[names.size()];
    int scored = 0, skipped = 0;
    for (int i = 0; i < drawn.size(); i++) {
      KdConvSample s = drawn.get(i);
      List<String> options = new ArrayList<>();
      // Replies cut as the evaluation cuts replies, so that every candidate fits after the prompt.
      options.add(CharText.cut(s.goldReply(), EvalSettings.MAX_REPLY_CHARS));
      List<KdConvSample> others = new ArrayList<>(all.stream().filter(o -> !conversation(o).equals(conversation(s))).toList());
      Collections.shuffle(others, random);
      for (KdConvSample o : others) {
        if (options.size() >= candidates) break;
        String reply = CharText.cut(o.goldReply(), EvalSettings.MAX_REPLY_CHARS);
        if (!options.contains(reply)) options.add(reply);
      }
      // The prompt the pipeline manufactures for this turn, without knowledge: what a chit-chat reply is chosen over.
      EvalOutcome outcome = dialogue.respond(new EvalTurn(s, EvalMode.NONE, Ablations.DEFAULT, bot, "", List.of(),
          EvalSettings.MAX_REPLY_CHARS));
      List<double[]> scores;
      try {
        scores = reranker.score(outcome.prompt(), s.query(), options);
      } catch (IllegalArgumentException tooLong) {
        skipped++; // the prompt and a candidate exceed the model's context: left out, and counted
        continue;
      }
      scored++;
      for (int k = 0; k < names.size(); k++) {
        int best = 0;
        for (int c = 1; c < scores.size(); c++) if (scores.get(c)[k] > scores.get(best)[k]) best = c;
        if (best == 0) hits[k]++;
      }
      progress.accept(i + 1);
    }
    Map<String, Double> recall = new LinkedHashMap<>();
    for (int k = 0; k < names.size(); k++) recall.put(names.get(k), scored == 0 ? 0 : 100.0 * hits[k] / scored);
    return new Result(scored, skipped, candidates, recall, 100.0 / candidates);
  }

  private static String conversation(KdConvSample s) {
    return s.id().substring(0, s.id().lastIndexOf('#'));
  }
}
