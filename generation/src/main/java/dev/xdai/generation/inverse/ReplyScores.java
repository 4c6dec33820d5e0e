package dev.xdai.generation.inverse;

/**
 * What the model says of one candidate reply, each per token: {@code forward}, its log-likelihood as the fill of the
 * turn's prompt; {@code prior}, as the fill of an empty turn (how likely it is whatever was said: generic replies are);
 * {@code inverse}, the user's utterance's log-likelihood given the reply (inverse prompting).
 */
public record ReplyScores(String text, double forward, double prior, double inverse) {

  /** The forward likelihood above the prior: how much the context makes this reply likelier (pointwise mutual information). */
  public double pmi() {
    return forward - prior;
  }

  /**
   * The chit-chat reranker's score: inverse prompting's weights over the inverse likelihood and the forward likelihood
   * taken above its prior (without the prior, the model ranks a generic reply first for every utterance).
   */
  public double chitChat(InversePromptingConfig c) {
    return c.lambda1() * inverse + c.lambda2() * pmi();
  }
}
