package dev.xdai.evaluation.eval;

import dev.xdai.evaluation.metrics.Figure;
import java.time.Instant;
import java.util.Map;

/**
 * The outcome of an evaluation run: its settings, what the data held, the figures (null where a figure does not
 * apply), and when and how long it ran.
 *
 * @param files the KdConv files read
 * @param conversations conversations in them
 * @param availableSamples samples they hold before drawing
 * @param distinctTriples distinct triples in them (the {@code retrieved} knowledge base)
 * @param loadedItems knowledge items the loader reported ({@code retrieved} mode), else -1
 * @param scoredSamples samples whose gold reply the model scored ({@code char_ppl} is over these)
 */
public record EvalResult(EvalSettings settings, String model, int files, int conversations, int availableSamples,
    int samples, int distinctTriples, long loadedItems, int scoredSamples, Map<Figure, Double> figures, Instant started,
    double seconds) {

  public EvalResult {
    figures = java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(figures));
  }
}
