package dev.xdai.dialogue.rank;

import dev.xdai.dialogue.ResponseBankReplies;
import dev.xdai.generation.inverse.InversePromptingReranker;
import dev.xdai.generation.inverse.ReplyScores;
import dev.xdai.retrieval.Embedder;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link ReplyRank} weighs of each candidate reply to an utterance, per token where a likelihood: the GLM's
 * {@code forward} (the reply as the fill of the turn's prompt), {@code prior} (as the fill of an empty turn),
 * {@code inverse} (the utterance given the reply, inverse prompting) and {@code topic}, the cosine of the reply's and
 * the utterance's sentence vectors: the 3M-parameter model tells a reply that fits from one that does not only
 * weakly, and a reply on another subject is what readers notice first. Thread-safe.
 */
public final class ReplyFeatures {

  /** The feature names, in {@link #of} order; the weights file's keys. */
  public static final List<String> NAMES = List.of("forward", "prior", "inverse", "topic");

  private final InversePromptingReranker model;
  private final Embedder embedder;

  /** @param embedder the sentence vectors of {@code topic}; null leaves the feature at 0 */
  public ReplyFeatures(InversePromptingReranker model, Embedder embedder) {
    this.model = model;
    this.embedder = embedder;
  }

  /**
   * The response bank's ranking: candidates ordered by {@code rank} over these features; null when the model gives no
   * likelihoods (a chat backend), so that nothing ranks and the model's own reply stands.
   */
  public ResponseBankReplies.Ranker ranker(ReplyRank rank) {
    if (!model.canRank()) return null;
    return (prompt, utterance, candidates) -> of(prompt, utterance, candidates).stream().map(rank::score).toList();
  }

  /** Each candidate's features as a reply to {@code utterance} in {@code promptText}, in order. */
  public List<double[]> of(String promptText, String utterance, List<String> candidates) {
    List<ReplyScores> scores = model.scores(promptText, utterance, candidates);
    List<float[]> vectors = null;
    if (embedder != null && !utterance.isBlank()) {
      List<String> texts = new ArrayList<>(candidates.size() + 1);
      texts.add(utterance);
      texts.addAll(candidates);
      vectors = embedder.embedAll(texts);
    }
    List<double[]> out = new ArrayList<>(candidates.size());
    for (int i = 0; i < candidates.size(); i++) {
      ReplyScores s = scores.get(i);
      double topic = vectors == null ? 0 : Embedder.cosine(vectors.get(0), vectors.get(i + 1));
      out.add(new double[] {s.forward(), s.prior(), s.inverse(), topic});
    }
    return out;
  }
}
