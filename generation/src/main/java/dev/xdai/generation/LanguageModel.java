package dev.xdai.generation;

import dev.xdai.prompting.RenderedPrompt;
import java.util.List;
import java.util.Optional;

/**
 * A GLM-style language model that fills the blank of a manufactured prompt. Implementations: the embedded model run
 * in-process (DJL + ONNX Runtime) and remote backends; those that can give their likelihoods offer a {@link Scorer}.
 * Thread-safe.
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

  /**
   * Fills the blank of {@code prompt} after a fixed beginning: the model reads {@code begun} as the first part of its own
   * fill (decoding constrained to say it) and continues from there. Returns only what follows {@code begun}.
   *
   * @throws UnsupportedOperationException when the backend cannot take a begun fill
   * @throws ModelUnavailableException when the model cannot serve
   */
  default Generation infillAfter(RenderedPrompt prompt, String begun, GenerationOptions options, TokenListener listener) {
    throw new UnsupportedOperationException(info().name() + " cannot continue a begun fill");
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
