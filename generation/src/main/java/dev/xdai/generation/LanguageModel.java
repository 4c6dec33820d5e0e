package dev.xdai.generation;

import dev.xdai.prompting.RenderedPrompt;
import java.util.List;
import java.util.Optional;

/**
 * A GLM-style language model that fills the blank of a manufactured prompt. Implementations: the embedded model run
 * in-process (DJL + ONNX Runtime) and remote backends; those that can give their likelihoods offer a {@link Scorer},
 * those that can continue a begun fill a {@link Continuer}. Thread-safe.
 */
public interface LanguageModel extends AutoCloseable {

  /** What this model is and how it counts tokens. */
  ModelInfo info();

  /**
   * Fills the blank of {@code prompt}, passing each decoded piece of text to {@code listener} as it is produced.
   *
   * @throws ModelUnavailableException when the model cannot serve (not loaded, backend down, overloaded)
   */
  Generation infill(RenderedPrompt prompt, GenerationOptions options, TokenListener listener);

  /** Begun fills, when this backend can continue a given beginning of its fill; empty otherwise. */
  default Optional<Continuer> continuer() {
    return Optional.empty();
  }

  /** The model's likelihoods, when this backend can give them (a chat backend cannot); empty otherwise. */
  default Optional<Scorer> scorer() {
    return Optional.empty();
  }

  /**
   * Why this model cannot serve at all right now, when that is known without trying (it was never loaded; a remote
   * backend's circuit is open), so callers can refuse before they start a streamed answer. Empty means "try".
   */
  default Optional<String> unavailableReason() {
    return Optional.empty();
  }

  @Override
  default void close() {}
}
