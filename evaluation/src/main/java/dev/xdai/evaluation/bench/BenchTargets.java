package dev.xdai.evaluation.bench;

import dev.xdai.generation.LanguageModel;
import java.util.function.Supplier;

/**
 * The live components the app hands to {@code xdai bench}, each made only when a benchmark needs it (so that
 * {@code bench load} does not load a model). A null supplier, or one returning null, means the build lacks it.
 * {@code bench retrieval} and {@code bench embed} need none: they build what they measure.
 */
public record BenchTargets(Supplier<PipelineProbe> pipeline, Supplier<ImportRunner> importer, Supplier<LanguageModel> model,
    Supplier<SessionWriteRunner> sessions) {

  /** Targets without the session store ({@code bench sessions} then says it is missing). */
  public BenchTargets(Supplier<PipelineProbe> pipeline, Supplier<ImportRunner> importer, Supplier<LanguageModel> model) {
    this(pipeline, importer, model, null);
  }

  /** No components: {@code retrieval}, {@code embed} and {@code load} can run. */
  public static BenchTargets none() { return new BenchTargets(null, null, null); }

  static <T> T require(Supplier<T> supplier, String bench, String what) {
    T target = supplier == null ? null : supplier.get();
    if (target == null) throw new IllegalStateException("bench " + bench + " needs " + what + ", which this build does not provide");
    return target;
  }
}
