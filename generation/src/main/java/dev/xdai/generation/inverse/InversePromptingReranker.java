package dev.xdai.generation.inverse;

import dev.xdai.generation.Generation;
import dev.xdai.generation.GenerationOptions;
import dev.xdai.generation.LanguageModel;
import dev.xdai.generation.Score;
import dev.xdai.generation.Scorer;
import dev.xdai.generation.TokenListener;
import dev.xdai.prompting.PromptText;
import dev.xdai.prompting.RenderedPrompt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inverse prompting as a reply strategy: samples several candidates, scores each by how well it predicts the user's
 * utterance back (the utterance as the fill of an inverse prompt built from each of the candidate's sub-sentences) and
 * by its own length-normalised likelihood given the prompt, and returns the best:
 * {@code f = lambda1 * mean_s log p(utterance | s) + lambda2 * log p(reply | prompt) / n^lambda}, both per token.
 * Its {@link #generate} has the shape of the dialogue pipeline's reply generator. The chosen reply reaches the
 * listener in one piece, once chosen. Thread-safe if the model is.
 */
public final class InversePromptingReranker {

  private final LanguageModel model;
  private final Scorer scorer;
  private final InversePromptingConfig config;

  public InversePromptingReranker(LanguageModel model, InversePromptingConfig config) {
    this.model = model;
    this.scorer = model.scorer().orElse(null);
    this.config = config;
  }

  /** Whether the model gives likelihoods to rank by (a chat backend does not: its first complete candidate is said). */
  public boolean canRank() {
    return scorer != null;
  }

  private Scorer scorer() {
    if (scorer == null) throw new IllegalStateException(model.info().name() + " gives no likelihoods to rank by");
    return scorer;
  }

  /**
   * Samples up to {@code candidates} fills (seeds {@code seed}, {@code seed+1}, ...; fewer when the deadline comes;
   * with greedy options they coincide and only one remains) and returns the best-ranked one.
   */
  public Generation generate(RenderedPrompt prompt, String query, GenerationOptions options, TokenListener listener) {
    long start = System.nanoTime();
    Map<String, Generation> candidates = new LinkedHashMap<>();
    Generation first = null;
    for (int i = 0; i < config.candidates(); i++) {
      Duration left = options.deadline() == null ? null : options.deadline().minusNanos(System.nanoTime() - start);
      if (left != null && left.isNegative() && first != null) break;
      GenerationOptions o = options.withSeed(options.seed() + i);
      if (left != null) o = o.withDeadline(left.isNegative() ? Duration.ZERO : left);
      Generation g = model.infill(prompt, o, TokenListener.NONE);
      if (first == null) first = g;
      // A fill cut by the deadline is a fragment: it competes only if nothing complete came before it.
      boolean cut = g.finishReason() == Generation.FinishReason.DEADLINE && i > 0;
      if (!g.text().isBlank() && !cut) candidates.putIfAbsent(g.text(), g);
    }
    Generation chosen = first;
    if (!candidates.isEmpty()) chosen = candidates.values().iterator().next();
    if (candidates.size() > 1 && canRank()) {
      chosen = candidates.get(rank(prompt.text(), query, List.copyOf(candidates.keySet())).get(0).text());
    }
    if (!chosen.text().isEmpty()) listener.onToken(chosen.text());
    long total = System.nanoTime() - start;
    return new Generation(chosen.text(), chosen.tokens(), chosen.finishReason(), total, total);
  }

  /** Scores {@code candidates} as replies to {@code query} in {@code promptText}; best first. Needs {@link #canRank()}. */
  public List<RankedCandidate> rank(String promptText, String query, List<String> candidates) {
    List<Score> forward = scorer().score(promptText, candidates);
    String utterance = PromptText.neutralise(query);
    List<RankedCandidate> ranked = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      String text = candidates.get(i);
      Score f = forward.get(i);
      double fwd = f.tokens() == 0 ? 0 : f.logProb() / Math.pow(f.tokens(), config.lengthExponent());
      double inv = utterance.isEmpty() ? 0 : inverse(text, utterance);
      ranked.add(new RankedCandidate(text, fwd, inv, config.lambda1() * inv + config.lambda2() * fwd));
    }
    ranked.sort(Comparator.comparingDouble(RankedCandidate::total).reversed());
    return ranked;
  }

  /** The prompt of an empty turn: a reply's likelihood there is its prior, whatever the user said. */
  public static final String EMPTY_TURN = "A:|B:[gMASK]";

  /** Each candidate's forward, prior and inverse scores as replies to {@code query} in {@code promptText}, in order; needs {@link #canRank()}. */
  public List<ReplyScores> scores(String promptText, String query, List<String> candidates) {
    List<Score> forward = scorer().score(promptText, candidates);
    List<Score> prior = scorer().score(EMPTY_TURN, candidates);
    String utterance = PromptText.neutralise(query);
    List<ReplyScores> out = new ArrayList<>(candidates.size());
    for (int i = 0; i < candidates.size(); i++) {
      String text = candidates.get(i);
      out.add(new ReplyScores(text, forward.get(i).meanPerToken(), prior.get(i).meanPerToken(),
          utterance.isEmpty() ? 0 : inverse(text, utterance)));
    }
    return out;
  }

  // Mean over the candidate's sub-sentences of the utterance's per-token log-likelihood as the inverse prompt's fill.
  private double inverse(String candidate, String utterance) {
    List<String> parts = Arrays.stream(config.subSentenceBreak().split(candidate)).map(String::strip)
        .filter(s -> !s.isEmpty()).toList();
    if (parts.isEmpty()) parts = List.of(candidate.strip());
    double sum = 0;
    for (String s : parts) {
      String inversePrompt = config.inverseTemplate().replace("{reply}", PromptText.neutralise(s));
      sum += scorer().score(inversePrompt, List.of(utterance)).get(0).meanPerToken();
    }
    return sum / parts.size();
  }
}
