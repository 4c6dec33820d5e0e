package dev.xdai.generation;

import java.util.List;

/**
 * A model's likelihoods: what inverse prompting, the reply ranking and answer framing judge by. Offered by a
 * {@link LanguageModel} that can give them ({@link LanguageModel#scorer()}); a chat backend cannot. Thread-safe.
 */
@FunctionalInterface
public interface Scorer {

  /**
   * Log-likelihood of each continuation as the fill of the blank in {@code promptText} (a rendered GLM prompt with one
   * blank), in one batch.
   *
   * @throws ModelUnavailableException when the model cannot serve (down, overloaded, or it returned no likelihoods)
   */
  List<Score> score(String promptText, List<String> continuations);
}
