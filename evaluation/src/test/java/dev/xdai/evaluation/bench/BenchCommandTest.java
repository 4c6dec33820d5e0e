package dev.xdai.evaluation.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xdai.evaluation.kdconv.TinyKdConv;
import dev.xdai.generation.Generation;
import dev.xdai.generation.GenerationOptions;
import dev.xdai.generation.LanguageModel;
import dev.xdai.generation.ModelInfo;
import dev.xdai.generation.Score;
import dev.xdai.generation.TokenListener;
import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.prompting.RenderedPrompt;
import dev.xdai.prompting.TokenCounter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<String> prompts = new ArrayList<>();

  /** An exact in-memory index: finds the items whose stored question names the entity the query asks about. */
  private static final RetrievalIndexFactory EXACT = (pack, items, count) -> {
    List<KnowledgeItem> all = new ArrayList<>();
    items.forEachRemaining(all::add);
    assertEquals(count, all.size());
    return new RetrievalIndexFactory.IndexUnderTest() {
      @Override public List<KnowledgeItem> retrieve(dev.xdai.retrieval.KnowledgeQuery q) {
        String asked = q.text().replace("你知道", "").replace("吗？", "");
        return all.stream().filter(k -> k.title().replace("是什么？", "").equals(asked)).limit(q.limit()).toList();
      }

      @Override public void close() {}
    };
  };

  private final LanguageModel fakeModel = new LanguageModel() {
    @Override public ModelInfo info() { return new ModelInfo("fake-glm", 256, TokenCounter.CODE_POINTS); }

    @Override public Generation infill(RenderedPrompt prompt, GenerationOptions options, TokenListener listener) {
      prompts.add(prompt.text());
      assertTrue(options.greedy());
      return new Generation("好的", 2, Generation.FinishReason.END, 1_000_000, 4_000_000);
    }

    @Override public List<Score> score(String promptText, List<String> continuations) { return List.of(); }
  };

  private int run(BenchTargets targets, String... args) {
    return new BenchCommand(targets, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
  }

  private JsonNode lastLine() throws Exception {
    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    return new ObjectMapper().readTree(lines[lines.length - 1]);
  }

  @Test
  void retrievalRowsPerSizeAndJsonLastLine() throws Exception {
    BenchTargets targets = new BenchTargets(null, () -> EXACT, null, null, null);
    assertEquals(0, run(targets, "retrieval", "--qa", "40,80", "--queries", "10", "--warmup", "2", "--json"),
        err.toString(StandardCharsets.UTF_8));
    JsonNode json = lastLine();
    assertEquals("retrieval", json.get("bench").asText());
    for (String key : List.of("machine", "options", "warmup", "iterations", "rows", "date", "command")) assertTrue(json.has(key), key);
    assertTrue(json.get("machine").get("cores").asInt() >= 1);
    assertEquals(2, json.get("rows").size());
    JsonNode row = json.get("rows").get(1);
    assertEquals(80, row.get("qa").asInt());
    for (String key : List.of("build_s", "p50_ms", "p99_ms", "hit_rate")) assertTrue(row.has(key), key);
    assertEquals(100.0, row.get("hit_rate").asDouble(), 1e-9);
    assertEquals("40,80", json.get("options").get("qa").asText());
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("2 warm-up, 10 measured"));
  }

  @Test
  void pipelineReportsStepsOverheadAndTheTarget() throws Exception {
    TinyKdConv.write(dir);
    PipelineProbe probe = (conversation, text) -> new TurnTimings(Map.of("history", 1_000_000L), 50_000_000L);
    assertEquals(0, run(new BenchTargets(() -> probe, null, null, null, null), "pipeline", "--turns", "5", "--warmup", "2",
        "--data", dir.toString(), "--json"), err.toString(StandardCharsets.UTF_8));
    JsonNode json = lastLine();
    JsonNode overhead = json.get("rows").get(1);
    assertEquals("overhead (all steps)", overhead.get("step").asText());
    assertEquals(5, overhead.get("turns").asInt());
    assertEquals(1.0, overhead.get("p99_ms").asDouble(), 1e-9);
    assertTrue(json.get("notes").get(0).asText().contains("met"));
    assertEquals("2 KdConv conversations", json.get("options").get("data").asText());
  }

  @Test
  void decodeRendersEvaluationLikePromptsAndTimesTheModel() throws Exception {
    TinyKdConv.write(dir);
    assertEquals(0, run(new BenchTargets(null, null, null, null, () -> fakeModel), "decode", "--prompts", "3", "--warmup", "1",
        "--data", dir.toString(), "--json"), err.toString(StandardCharsets.UTF_8));
    assertEquals(4, prompts.size());
    assertTrue(prompts.stream().allMatch(p -> p.endsWith("B:[gMASK]")), prompts.toString());
    assertTrue(prompts.stream().anyMatch(p -> p.contains("Q:")), prompts.toString());
    JsonNode row = lastLine().get("rows").get(0);
    assertEquals(1.0, row.get("first_token_p50_ms").asDouble(), 1e-9);
    assertEquals(500.0, row.get("tokens_per_s").asDouble(), 1e-9);
  }

  @Test
  void aMissingComponentIsNamed() {
    assertEquals(1, run(BenchTargets.none(), "decode"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("needs a language model"));
  }

  @Test
  void badArgumentsAreUsageErrors() {
    assertEquals(2, run(BenchTargets.none(), "warp-speed"));
    assertEquals(2, run(BenchTargets.none()));
    assertEquals(2, run(BenchTargets.none(), "retrieval", "--qa", "10,abc"));
    assertEquals(2, run(BenchTargets.none(), "retrieval", "--queries", "0"));
    assertEquals(2, run(BenchTargets.none(), "retrieval", "--data", "x"));
    assertEquals(2, run(BenchTargets.none(), "load", "--url", "http://10.1.2.3:8080", "--seconds", "1"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("only targets this machine"));
  }
}
