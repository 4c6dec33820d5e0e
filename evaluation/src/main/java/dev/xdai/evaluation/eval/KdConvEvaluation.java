package dev.xdai.evaluation.eval;

import dev.xdai.evaluation.kdconv.KdConvConversation;
import dev.xdai.evaluation.kdconv.KdConvReader;
import dev.xdai.evaluation.kdconv.KdConvSample;
import dev.xdai.evaluation.kdconv.OracleKnowledge;
import dev.xdai.evaluation.kdconv.SampleDrawer;
import dev.xdai.evaluation.metrics.CharText;
import dev.xdai.evaluation.metrics.FigureSet;
import dev.xdai.generation.Score;
import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.prompting.Utterance;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Runs the KdConv evaluation of docs/evaluation.md: reads the data, draws the samples, builds the knowledge base for
 * {@code retrieved} mode, has the dialogue answer each sample in turn, and computes the figures.
 */
public final class KdConvEvaluation {

  private final DialogueUnderTest dialogue;
  private final KnowledgeLoader loader;

  /** @param loader builds the {@code retrieved} knowledge base; may be null when that mode is not available */
  public KdConvEvaluation(DialogueUnderTest dialogue, KnowledgeLoader loader) {
    this.dialogue = dialogue;
    this.loader = loader;
  }

  /**
   * Runs the evaluation.
   *
   * @param progress told the number of samples done after each one
   */
  public EvalResult run(EvalSettings settings, IntConsumer progress) throws IOException {
    return run(settings, progress, s -> {});
  }

  /** One answered sample, as {@code --dump} writes it: the sample, what the dialogue did, and the reply it scored. */
  public record SampleOutcome(KdConvSample sample, EvalOutcome outcome, String reply) {}

  /**
   * Runs the evaluation, telling {@code each} about every answered sample in order.
   *
   * @param progress told the number of samples done after each one
   */
  public EvalResult run(EvalSettings settings, IntConsumer progress, Consumer<SampleOutcome> each) throws IOException {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    List<Path> files = KdConvReader.files(settings.data());
    List<KdConvConversation> conversations = KdConvReader.read(files);
    int available = SampleDrawer.all(conversations).size();
    if (available == 0) throw new IllegalArgumentException("the data holds no samples (no answering utterance with attrs)");
    List<KdConvSample> samples = SampleDrawer.draw(conversations, settings.samples(), settings.seed());
    int distinctTriples = KdConvReader.distinctTriples(conversations).size();

    long loaded = -1;
    String pack = "";
    if (settings.mode() == EvalMode.RETRIEVED) {
      if (loader == null) throw new IllegalStateException("retrieved mode needs the knowledge importer, which this build does not provide");
      pack = EvalSettings.PACK;
      loaded = loader.load(pack, files);
    }

    FigureSet figures = new FigureSet(settings.mode() == EvalMode.RETRIEVED);
    for (int i = 0; i < samples.size(); i++) {
      KdConvSample sample = samples.get(i);
      EvalTurn turn = new EvalTurn(sample, settings.mode(), settings.ablations(), settings.bot(), pack,
          oracleItems(sample, settings), EvalSettings.MAX_REPLY_CHARS);
      EvalOutcome outcome;
      try {
        outcome = dialogue.respond(turn);
      } catch (RuntimeException e) {
        throw new IllegalStateException("sample " + sample.id() + " failed: " + e.getMessage(), e);
      }
      String reply = CharText.cut(outcome.reply(), EvalSettings.MAX_REPLY_CHARS);
      Score gold = outcome.goldScore();
      figures.add(reply, sample.goldReply(), sample.goldTriples(), grounding(sample, outcome), outcome.injected(),
          gold == null ? Double.NaN : gold.logProb(), CharText.length(sample.goldReply()), outcome.mode());
      each.accept(new SampleOutcome(sample, outcome, reply));
      progress.accept(i + 1);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new EvalResult(settings, dialogue.modelName(), files.size(), conversations.size(), available, samples.size(),
        distinctTriples, loaded, figures.scored(), figures.figures(), started, seconds);
  }

  private static List<KnowledgeItem> oracleItems(KdConvSample sample, EvalSettings settings) {
    boolean inject = settings.mode() == EvalMode.ORACLE && settings.ablations().knowledgeInjection();
    return inject ? OracleKnowledge.items(sample) : List.of();
  }

  // A number is grounded if the prompt's knowledge or context has it, or the dialogue so far said it.
  private static List<String> grounding(KdConvSample sample, EvalOutcome outcome) {
    List<String> texts = new ArrayList<>();
    texts.add(outcome.knowledgeText());
    texts.add(outcome.contextText());
    for (Utterance u : sample.context()) texts.add(u.text());
    return texts;
  }
}
