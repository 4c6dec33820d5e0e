package dev.xdai.evaluation.bench;

import dev.xdai.generation.LanguageModel;
import dev.xdai.retrieval.Embedder;
import java.util.function.Supplier;

/**
 * The real components the app hands to {@code xdai bench}, each made only when a benchmark needs it (so that
 * {@code bench load} does not load a model). A null supplier, or one returning null, means the build lacks it.
 */
public record BenchTargets(Supplier<PipelineProbe> pipeline, Supplier<RetrievalIndexFactory> retrieval,
    Supplier<TripleImporter> importer, Supplier<Embedder> embedder, Supplier<LanguageModel> model) {

  /** No components: only {@code bench load} can run. */
  public static BenchTargets none() { return new BenchTargets(null, null, null, null, null); }

  static <T> T require(Supplier<T> supplier, String bench, String what) {
    T target = supplier == null ? null : supplier.get();
    if (target == null) throw new IllegalStateException("bench " + bench + " needs " + what + ", which this build does not provide");
    return target;
  }
}
