package dev.xdai.generation.inverse;

import java.util.regex.Pattern;

/**
 * Inverse prompting's settings: how many sampled candidates, the weights of the inverse and forward likelihoods
 * ({@code lambda1}, {@code lambda2}), the length exponent that normalises the forward likelihood ({@code lambda}), the
 * inverse template ({@code {reply}} stands for a sub-sentence of the candidate; its blank is filled by the user's
 * utterance) and the punctuation that splits a candidate into sub-sentences.
 */
public record InversePromptingConfig(int candidates, double lambda1, double lambda2, double lengthExponent,
    String inverseTemplate, Pattern subSentenceBreak) {

  public InversePromptingConfig {
    if (candidates < 1) throw new IllegalArgumentException("candidates must be >= 1");
    if (!inverseTemplate.contains("{reply}")) throw new IllegalArgumentException("inverse template needs {reply}");
  }

  /** The method's weights (lambda1 = 1, lambda2 = 1.5, lambda = 1), four candidates, the reply answering a blank turn. */
  public static InversePromptingConfig defaults() {
    return new InversePromptingConfig(4, 1.0, 1.5, 1.0, "A:[MASK]|B:{reply}", Pattern.compile("[，。！？；,.!?;…~～]+"));
  }

  public InversePromptingConfig withCandidates(int n) {
    return new InversePromptingConfig(n, lambda1, lambda2, lengthExponent, inverseTemplate, subSentenceBreak);
  }
}
