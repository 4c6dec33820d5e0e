package dev.xdai.evaluation.eval;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What one {@code xdai eval kdconv} run measures: the data paths as given (files or directories), the mode, how many
 * samples with which shuffle seed, the bot (null for the default) and the ablation switches.
 */
public record EvalSettings(List<Path> data, EvalMode mode, int samples, long seed, String bot, Ablations ablations) {

  /** The number of samples docs/evaluation.md prescribes. */
  public static final int DEFAULT_SAMPLES = 400;
  /** The reply limit docs/evaluation.md prescribes, in characters. */
  public static final int MAX_REPLY_CHARS = 60;
  /** The pack {@code retrieved} mode imports the data into and searches. */
  public static final String PACK = "eval-kdconv";

  public EvalSettings {
    data = List.copyOf(data);
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(ablations, "ablations");
    if (data.isEmpty()) throw new IllegalArgumentException("no data given");
    if (samples <= 0) throw new IllegalArgumentException("the number of samples must be at least 1, got " + samples);
  }
}
