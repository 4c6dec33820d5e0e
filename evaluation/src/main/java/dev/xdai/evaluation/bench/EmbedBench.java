package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.Args;
import dev.xdai.evaluation.cli.JsonLine;
import dev.xdai.evaluation.kdconv.KdConvConversation;
import dev.xdai.retrieval.Embedder;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code bench embed}: sentence embedding latency one at a time (as history selection embeds a query) and throughput
 * in batches (as an import embeds knowledge), on KdConv utterances.
 */
final class EmbedBench implements Bench {

  private final Supplier<Embedder> embedder;

  EmbedBench(Supplier<Embedder> embedder) {
    this.embedder = embedder;
  }

  @Override public Map<String, String> defaults() {
    return Bench.options("sentences", "300", "batch", "32", "warmup", "30", "seed", "1");
  }

  @Override public boolean readsData() { return true; }

  @Override public BenchReport run(Args args, PrintStream progress) throws Exception {
    int count = args.positiveInt("sentences");
    int batch = args.positiveInt("batch");
    int warmup = args.positiveInt("warmup");
    long seed = args.longValue("seed");
    Embedder target = BenchTargets.require(embedder, "embed", "the sentence embedder");
    List<KdConvConversation> data = BenchTexts.conversations(args);
    List<String> sentences = BenchTexts.sentences(data, seed, count + warmup);

    for (int i = 0; i < warmup; i++) target.embed(sentences.get(i));
    List<String> measured = sentences.subList(warmup, warmup + count);
    Durations single = new Durations();
    for (String s : measured) {
      long t0 = System.nanoTime();
      target.embed(s);
      single.add(System.nanoTime() - t0);
    }
    progress.println("bench embed: single done, batching");
    Durations batches = new Durations();
    for (int from = 0; from < measured.size(); from += batch) {
      List<String> chunk = measured.subList(from, Math.min(measured.size(), from + batch));
      long t0 = System.nanoTime();
      target.embedAll(chunk);
      batches.add(System.nanoTime() - t0);
    }

    BenchReport report = new BenchReport("embed", BenchTexts.options(args, data), warmup, count);
    report.row(row("one at a time", 1, single, count));
    report.row(row("batched", batch, batches, count));
    report.note("dimension " + target.dimension());
    return report;
  }

  private static Map<String, Object> row(String how, int batch, Durations d, int sentences) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("mode", how);
    r.put("batch", batch);
    r.putAll(d.summary().cells("call_"));
    r.put("sentences_per_s", JsonLine.round(sentences / (d.total() / 1e9), 1));
    return r;
  }
}
