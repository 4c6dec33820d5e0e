package dev.xdai.generation;

import dev.xdai.prompting.RenderedPrompt;

/**
 * A model's begun fills: what the quoted answer's addition after its frame needs. Offered by a {@link LanguageModel}
 * that can take one ({@link LanguageModel#continuer()}); a chat backend, or one sent the whole blank prompt, cannot.
 * Thread-safe.
 */
@FunctionalInterface
public interface Continuer {

  /**
   * Fills the blank of {@code prompt} after a fixed beginning: the model reads {@code begun} as the first part of its own
   * fill (decoding constrained to say it) and continues from there. Returns only what follows {@code begun}.
   *
   * @throws ModelUnavailableException when the model cannot serve
   */
  Generation infillAfter(RenderedPrompt prompt, String begun, GenerationOptions options, TokenListener listener);
}
