package dev.xdai.evaluation.bench;

/**
 * The port {@code bench pipeline} measures: one real turn of the pipeline with the time each step took. The app adapts
 * the dialogue module to it (typically with the real components and the real or a fixed-output model, since decoding
 * time is reported apart and excluded from the overhead).
 */
@FunctionalInterface
public interface PipelineProbe {

  /**
   * Runs one turn of conversation {@code conversation} (started on its first use, continued after) for the user's
   * {@code text}.
   */
  TurnTimings turn(String conversation, String text);
}
