package dev.xdai.generation;

import java.time.Duration;
import java.util.List;

/**
 * How to decode: greedy when {@code temperature} is 0 or {@code topK} is 1, else top-k / top-p sampling; with
 * repetition penalty, no-repeat n-grams, stop strings, a token limit, a deadline, and a seed for reproducibility.
 * {@code copyBias} (0 = off) keeps a reply that has begun to quote the turn's knowledge quoting it faithfully (see
 * {@code decode.CopyBias}); the embedded model applies it, remote backends have no such option and ignore it.
 */
public record GenerationOptions(int maxNewTokens, double temperature, int topK, double topP, double repetitionPenalty,
    int noRepeatNgram, List<String> stop, Duration deadline, long seed, double copyBias) {

  public GenerationOptions {
    stop = stop == null ? List.of() : List.copyOf(stop);
    if (maxNewTokens < 1) throw new IllegalArgumentException("maxNewTokens must be >= 1");
    if (!(copyBias >= 0)) throw new IllegalArgumentException("copyBias must be >= 0");
  }

  /**
   * The method's defaults: top-k 40 at temperature 0.9, ~30 tokens, stop at a turn separator, 6 s deadline; and the
   * service's copy bias 2.
   */
  public static GenerationOptions defaults() {
    return new GenerationOptions(32, 0.9, 40, 1.0, 1.2, 3, List.of("|"), Duration.ofSeconds(6), 0L, 2.0);
  }

  /** Greedy decoding, as the evaluation prescribes: the model's own choices, no penalties, no copy bias. */
  public static GenerationOptions greedy(int maxNewTokens) {
    return new GenerationOptions(maxNewTokens, 0, 1, 1.0, 1.0, 0, List.of("|"), Duration.ofSeconds(30), 0L, 0);
  }

  public boolean greedy() { return temperature <= 0 || topK == 1; }

  public GenerationOptions withSeed(long newSeed) {
    return new GenerationOptions(maxNewTokens, temperature, topK, topP, repetitionPenalty, noRepeatNgram, stop, deadline,
        newSeed, copyBias);
  }

  public GenerationOptions withMaxNewTokens(int n) {
    return new GenerationOptions(n, temperature, topK, topP, repetitionPenalty, noRepeatNgram, stop, deadline, seed,
        copyBias);
  }

  public GenerationOptions withDeadline(Duration d) {
    return new GenerationOptions(maxNewTokens, temperature, topK, topP, repetitionPenalty, noRepeatNgram, stop, d, seed,
        copyBias);
  }

  public GenerationOptions withCopyBias(double bias) {
    return new GenerationOptions(maxNewTokens, temperature, topK, topP, repetitionPenalty, noRepeatNgram, stop, deadline,
        seed, bias);
  }
}
