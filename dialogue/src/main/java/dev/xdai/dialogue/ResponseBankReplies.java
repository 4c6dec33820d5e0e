package dev.xdai.dialogue;

import dev.xdai.generation.ModelUnavailableException;
import dev.xdai.retrieval.bank.ResponseBank;
import java.util.ArrayList;
import java.util.List;

/**
 * Chit-chat candidates from a response bank, chosen with the model's own reply by the GLM over the turn's manufactured
 * prompt (the method's reranking: the reply's likelihood in the blank and the utterance's likelihood given the reply).
 * A bank reply is said only when it outranks the model's own; a model that cannot rank keeps its own. Thread-safe.
 *
 * @param ranker null when the model gives no likelihoods: the model's own reply stands, or without one the bank reply
 *     whose context matches best
 * @param candidates how many bank replies compete with the model's own
 */
public record ResponseBankReplies(Source source, Ranker ranker, int candidates) {

  /** Finds bank replies whose context matches an utterance, best first. */
  @FunctionalInterface
  public interface Source {
    List<ResponseBank.Hit> search(String utterance, int limit);
  }

  /** Scores candidate replies over a prompt; higher is better, one score per candidate in order. */
  @FunctionalInterface
  public interface Ranker {
    List<Double> scores(String promptText, String utterance, List<String> candidates);
  }

  /** The chosen reply and the bank entry it came from (null for the model's own). */
  public record Choice(String reply, ResponseBank.Hit hit) {}

  /**
   * The best of the bank's replies for {@code utterance} and {@code own} (the model's reply, or null when it had none
   * usable); {@code usable} says whether a bank reply may be said here (its numbers grounded, no defect).
   */
  public Choice choose(String promptText, String utterance, String own, java.util.function.Predicate<String> usable) {
    List<ResponseBank.Hit> hits = new ArrayList<>();
    for (ResponseBank.Hit h : source.search(utterance, candidates)) if (usable.test(h.reply())) hits.add(h);
    if (hits.isEmpty()) return new Choice(own, null);
    List<String> options = new ArrayList<>();
    if (own != null) options.add(own);
    hits.forEach(h -> options.add(h.reply()));
    List<Double> scores;
    try {
      if (ranker == null) throw new ModelUnavailableException("no likelihoods to rank by");
      scores = ranker.scores(promptText, utterance, options);
    } catch (ModelUnavailableException e) {
      // Nothing to rank with (the model gives no likelihoods, or the backend failed after answering): the model's own
      // reply stands; without one, the bank reply whose context matches best.
      return own != null ? new Choice(own, null) : new Choice(hits.get(0).reply(), hits.get(0));
    }
    int best = 0;
    for (int i = 1; i < scores.size(); i++) if (scores.get(i) > scores.get(best)) best = i;
    int offset = own != null ? 1 : 0;
    return best < offset ? new Choice(own, null) : new Choice(options.get(best), hits.get(best - offset));
  }
}
