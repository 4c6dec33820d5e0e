package dev.xdai.app;

import dev.xdai.generation.Generation;
import dev.xdai.generation.GenerationOptions;
import dev.xdai.generation.LanguageModel;
import dev.xdai.generation.ModelInfo;
import dev.xdai.generation.ModelUnavailableException;
import dev.xdai.generation.Scorer;
import dev.xdai.generation.TokenListener;
import dev.xdai.prompting.RenderedPrompt;
import dev.xdai.prompting.TokenCounter;
import java.util.Optional;

/**
 * Stands in when no model could be loaded: every call fails with the reason, so the API answers 503 and the terminal
 * says so plainly. Never produces text.
 */
final class UnavailableModel implements LanguageModel {

  private final String reason;

  UnavailableModel(String reason) {
    this.reason = reason;
  }

  String reason() {
    return reason;
  }

  @Override
  public Optional<String> unavailableReason() {
    return Optional.of(reason);
  }

  @Override
  public ModelInfo info() {
    return new ModelInfo("unavailable", 512, TokenCounter.CODE_POINTS);
  }

  @Override
  public Generation infill(RenderedPrompt prompt, GenerationOptions options, TokenListener listener) {
    throw new ModelUnavailableException(reason);
  }

  /** Offered so that every use fails the same way, with the reason. */
  @Override
  public Optional<Scorer> scorer() {
    return Optional.of((promptText, continuations) -> {
      throw new ModelUnavailableException(reason);
    });
  }
}
