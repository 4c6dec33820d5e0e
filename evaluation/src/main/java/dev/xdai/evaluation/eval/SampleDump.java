package dev.xdai.evaluation.eval;

import dev.xdai.evaluation.cli.JsonLine;
import dev.xdai.evaluation.kdconv.KdConvSample;
import dev.xdai.evaluation.kdconv.Triple;
import dev.xdai.evaluation.metrics.GoldMatch;
import dev.xdai.evaluation.metrics.InjectedKnowledge;
import dev.xdai.evaluation.metrics.KnowledgeRecall;
import dev.xdai.prompting.Utterance;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --dump FILE}: one JSON line per answered sample, so a figure can be traced back to the samples behind it.
 * {@code prompt} is the exact prompt, {@code prompt_context} the selected history in prompt order with the utterance
 * last; {@code gold_rank} is the 1-based position of the first injected item that is a gold triple, 0 when none is.
 */
final class SampleDump implements AutoCloseable {

  private final BufferedWriter out;

  private SampleDump(BufferedWriter out) {
    this.out = out;
  }

  /** A dump to {@code path} (created or truncated), or one that writes nothing when {@code path} is null. */
  static SampleDump open(Path path) throws IOException {
    return new SampleDump(path == null ? null : Files.newBufferedWriter(path, StandardCharsets.UTF_8));
  }

  void write(KdConvEvaluation.SampleOutcome s) {
    if (out == null) return;
    try {
      out.write(JsonLine.of(record(s)));
      out.newLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> record(KdConvEvaluation.SampleOutcome s) {
    KdConvSample sample = s.sample();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", sample.id());
    m.put("context", sample.context().stream().map(Utterance::text).toList());
    // The selected history as the prompt showed it (selection and order), then the utterance.
    m.put("prompt_context", s.outcome().contextText().isEmpty() ? List.of() : List.of(s.outcome().contextText().split("\n")));
    m.put("prompt", s.outcome().prompt());
    m.put("gold_reply", sample.goldReply());
    m.put("reply", s.reply());
    m.put("gold_triples", sample.goldTriples().stream().map(SampleDump::triple).toList());
    List<Map<String, Object>> injected = new ArrayList<>();
    for (InjectedKnowledge k : s.outcome().injected()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("id", k.item().id());
      item.put("title", k.item().title());
      item.put("text", k.item().text());
      injected.add(item);
    }
    m.put("injected", injected);
    m.put("gold_rank", KnowledgeRecall.goldRank(s.outcome().injected(), sample.goldTriples()));
    m.put("mode", s.outcome().mode());
    // Each weighed item with its features and whether it is a gold triple: what `xdai eval calibrate` fits.
    List<Map<String, Object>> candidates = new ArrayList<>();
    for (EvalOutcome.AnswerCandidate c : s.outcome().candidates()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("id", c.itemId());
      item.put("gold", s.outcome().injected().stream().anyMatch(k -> k.item().id().equals(c.itemId())
          && sample.goldTriples().stream().anyMatch(t -> GoldMatch.matches(k, t))));
      item.put("confidence", c.confidence());
      item.put("features", new java.util.TreeMap<>(c.features()));
      candidates.add(item);
    }
    m.put("answer_candidates", candidates);
    return m;
  }

  private static List<String> triple(Triple t) { return List.of(t.entity(), t.attribute(), t.value()); }

  @Override
  public void close() throws IOException {
    if (out != null) out.close();
  }
}
