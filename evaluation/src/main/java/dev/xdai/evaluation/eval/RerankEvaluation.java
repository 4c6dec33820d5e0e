package dev.xdai.evaluation.eval;

import dev.xdai.evaluation.kdconv.KdConvConversation;
import dev.xdai.evaluation.kdconv.KdConvReader;
import dev.xdai.evaluation.kdconv.KdConvSample;
import dev.xdai.evaluation.kdconv.SampleDrawer;
import dev.xdai.evaluation.metrics.CharText;
import dev.xdai.evaluation.cli.JsonLine;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;
import java.util.function.ToDoubleFunction;

/**
 * {@code xdai eval rerank}: the power of the GLM reranker that chooses among candidate replies. For each sample, the
 * true reply is hidden among distractors (true replies of samples from other conversations) and every candidate is
 * described over the sample's manufactured prompt; recall@1 is the share of samples whose true reply ranks first, by
 * each of the reranker's rankings (the model's likelihoods alone, their combinations, the service's fitted one). The
 * model's own reply to the prompt is described too, as the service's chit-chat weighs it against the bank's: the share
 * of samples where it outranks the true reply is reported, and it is one more reply to rank below the true one in the
 * dump a ranking is fitted on.
 */
public final class RerankEvaluation {

  /**
   * Describes candidate replies over a prompt: per candidate, its features ({@link #features()} names them), and the
   * rankings compared, each a score over those features.
   */
  public interface Reranker {
    List<String> features();

    /** The rankings compared, by name, in report order. */
    Map<String, ToDoubleFunction<double[]>> scores();

    List<double[]> describe(String prompt, String utterance, List<String> candidates);
  }

  /**
   * The figures: recall@1 by each score among the {@code candidates} replies of people, in percent, with the chance
   * level; and by each score, the share of samples where the model's own reply outranks the true one.
   */
  public record Result(int samples, int skipped, int candidates, Map<String, Double> recallAt1, double chance,
      Map<String, Double> ownOverTrue) {}

  private final DialogueUnderTest dialogue;
  private final Reranker reranker;

  public RerankEvaluation(DialogueUnderTest dialogue, Reranker reranker) {
    this.dialogue = dialogue;
    this.reranker = reranker;
  }

  /**
   * Runs the comparison; with {@code dump} non-null, writes one JSON line per scored sample there: its id and each
   * candidate's features, the true reply first (what {@code xdai eval rerank --fit} fits on).
   */
  public Result run(List<Path> data, int samples, int candidates, long seed, String bot, Path dump, IntConsumer progress)
      throws IOException {
    try (BufferedWriter out = dump == null ? null : Files.newBufferedWriter(dump, StandardCharsets.UTF_8)) {
      return run(data, samples, candidates, seed, bot, out, progress);
    }
  }

  private Result run(List<Path> data, int samples, int candidates, long seed, String bot, BufferedWriter dump,
      IntConsumer progress) throws IOException {
    List<KdConvConversation> conversations = KdConvReader.read(KdConvReader.files(data));
    List<KdConvSample> all = SampleDrawer.all(conversations);
    List<KdConvSample> drawn = SampleDrawer.draw(conversations, samples, seed);
    Random random = new Random(seed);
    List<String> names = List.copyOf(reranker.scores().keySet());
    List<ToDoubleFunction<double[]>> rankings = List.copyOf(reranker.scores().values());
    int[] hits = new int[names.size()];
    int[] ownWins = new int[names.size()];
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
      int people = options.size();
      // The prompt the pipeline manufactures for this turn, without knowledge: what a chit-chat reply is chosen over,
      // and the model's own reply to it.
      EvalOutcome outcome = dialogue.respond(new EvalTurn(s, EvalMode.NONE, Ablations.OWN_REPLY, bot, "", List.of(),
          EvalSettings.MAX_REPLY_CHARS));
      String own = CharText.cut(outcome.reply(), EvalSettings.MAX_REPLY_CHARS);
      if (!own.isBlank() && !options.contains(own)) options.add(own);
      List<double[]> features;
      try {
        features = reranker.describe(outcome.prompt(), s.query(), options);
      } catch (IllegalArgumentException tooLong) {
        skipped++; // the prompt and a candidate exceed the model's context: left out, and counted
        continue;
      }
      scored++;
      for (int k = 0; k < names.size(); k++) {
        ToDoubleFunction<double[]> score = rankings.get(k);
        int best = 0;
        for (int c = 1; c < people; c++) if (score.applyAsDouble(features.get(c)) > score.applyAsDouble(features.get(best))) best = c;
        if (best == 0) hits[k]++;
        if (features.size() > people && score.applyAsDouble(features.get(people)) > score.applyAsDouble(features.get(0))) ownWins[k]++;
      }
      if (dump != null) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", s.id());
        line.put("features", reranker.features());
        line.put("candidates", features.stream().map(f -> Arrays.stream(f).boxed().toList()).toList());
        line.put("own", features.size() > people ? people : -1);
        dump.write(JsonLine.of(line));
        dump.newLine();
      }
      progress.accept(i + 1);
    }
    Map<String, Double> recall = new LinkedHashMap<>();
    Map<String, Double> own = new LinkedHashMap<>();
    for (int k = 0; k < names.size(); k++) {
      recall.put(names.get(k), scored == 0 ? 0 : 100.0 * hits[k] / scored);
      own.put(names.get(k), scored == 0 ? 0 : 100.0 * ownWins[k] / scored);
    }
    return new Result(scored, skipped, candidates, recall, 100.0 / candidates, own);
  }

  private static String conversation(KdConvSample s) {
    return s.id().substring(0, s.id().lastIndexOf('#'));
  }
}
