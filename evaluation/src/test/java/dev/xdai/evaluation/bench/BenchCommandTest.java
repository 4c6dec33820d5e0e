package dev.xdai.evaluation.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xdai.evaluation.Captured;
import dev.xdai.evaluation.kdconv.TinyKdConv;
import dev.xdai.generation.Generation;
import dev.xdai.generation.GenerationOptions;
import dev.xdai.generation.LanguageModel;
import dev.xdai.generation.ModelInfo;
import dev.xdai.generation.Score;
import dev.xdai.generation.TokenListener;
import dev.xdai.prompting.RenderedPrompt;
import dev.xdai.prompting.TokenCounter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

  @TempDir Path dir;
  private final Captured out = new Captured();
  private final Captured err = new Captured();
  private final List<String> prompts = new ArrayList<>();

  private final LanguageModel fakeModel = new LanguageModel() {
    @Override public ModelInfo info() { return new ModelInfo("fake-glm", 256, TokenCounter.CODE_POINTS); }

    @Override public Generation infill(RenderedPrompt prompt, GenerationOptions options, TokenListener listener) {
      prompts.add(prompt.text());
      return new Generation("好的", 2, Generation.FinishReason.END, 1_000_000, 4_000_000);
    }
  };

  private int run(BenchTargets targets, String... args) {
    return new BenchCommand(targets, out.stream(),
        err.stream()).run(args);
  }

  @Test
  void retrievalRunsTheRetrievalModulesBenchmarkPerSize() throws Exception {
    assertEquals(0, run(BenchTargets.none(), "retrieval", "--qa", "100,200", "--queries", "20", "--json"),
        err.text());
    JsonNode json = out.lastJsonLine();
    assertEquals("retrieval", json.get("bench").asText());
    for (String key : List.of("machine", "options", "warmup", "iterations", "rows", "date", "command")) assertTrue(json.has(key), key);
    assertTrue(json.get("machine").get("cores").asInt() >= 1);
    assertEquals(2, json.get("rows").size());
    JsonNode row = json.get("rows").get(1);
    assertEquals(200, row.get("pairs").asInt());
    for (String key : List.of("build_seconds", "p50_ms", "p99_ms", "top1")) assertTrue(row.has(key), key);
    assertEquals("100,200", json.get("options").get("qa").asText());
    assertTrue(out.text().contains("20 warm-up, 20 measured"));
  }

  @Test
  void retrievalKeepsItsIndexInDirAndReusesItForTheSameSize() throws Exception {
    String kept = dir.resolve("index").toString();
    assertEquals(0, run(BenchTargets.none(), "retrieval", "--qa", "150", "--queries", "10", "--dir", kept, "--json"),
        err.text());
    assertTrue(out.lastJsonLine().get("rows").get(0).get("build_seconds").asDouble() > 0);
    out.reset();
    assertEquals(0, run(BenchTargets.none(), "retrieval", "--qa", "150", "--queries", "10", "--dir", kept, "--json"));
    assertEquals(0.0, out.lastJsonLine().get("rows").get(0).get("build_seconds").asDouble()); // reused, not rebuilt
  }

  @Test
  void retrievalRefusesAnUnknownEmbedderAndOneDirForSeveralSizes() {
    assertEquals(2, run(BenchTargets.none(), "retrieval", "--embedder", "word2vec"));
    String message = err.text();
    assertTrue(message.contains("Invalid value for option '--embedder'") && message.contains("[HASHING, BGE]"), message);
    assertEquals(2, run(BenchTargets.none(), "retrieval", "--qa", "100,200", "--dir", dir.toString()));
    assertTrue(err.text().contains("give one --qa size"), err.text());
  }

  record FakeImport(long triples, int batchSize, double triplesPerSecond) {}

  @Test
  void importPrintsTheImportersResultPerSize() throws Exception {
    ImportRunner runner = (triples, batch) -> new FakeImport(triples, batch, 1234.5678);
    assertEquals(0, run(new BenchTargets(null, () -> runner, null), "import", "--triples", "10,20", "--batch", "5", "--json"));
    JsonNode rows = out.lastJsonLine().get("rows");
    assertEquals(20, rows.get(1).get("triples").asInt());
    assertEquals(5, rows.get(1).get("batch_size").asInt());
    assertEquals(1234.568, rows.get(1).get("triples_per_second").asDouble(), 1e-9);
  }

  @Test
  void sessionsReportsEachModesPercentilesPerWriterCount() throws Exception {
    List<String> calls = new ArrayList<>();
    SessionWriteRunner runner = (turns, warmup, threads, sessions) -> {
      calls.add(turns + "/" + warmup + "/" + threads + "/" + sessions);
      long[] journal = new long[turns];
      long[] graph = new long[turns];
      for (int i = 0; i < turns; i++) {
        journal[i] = 1_000_000L * (i + 1); // 1..100 ms
        graph[i] = 2_000_000L * (i + 1);
      }
      return new java.util.LinkedHashMap<>(java.util.Map.of("write-behind", journal, "synchronous", graph));
    };
    assertEquals(0, run(new BenchTargets(null, null, null, () -> runner), "sessions", "--turns", "100", "--warmup", "10",
        "--threads", "1,4", "--sessions", "8", "--json"));
    assertEquals(List.of("100/10/1/8", "100/10/4/2"), calls);
    JsonNode rows = out.lastJsonLine().get("rows");
    assertEquals(4, rows.size());
    for (JsonNode row : rows) {
      double expected = row.get("mode").asText().equals("synchronous") ? 100.0 : 50.0;
      assertEquals(expected, row.get("p50_ms").asDouble(), 1e-9, row.toString());
    }
    assertEquals(1, run(BenchTargets.none(), "sessions"), "without a session store the run fails, saying so");
  }

  @Test
  void pipelineReportsStepsOverheadAndTheTarget() throws Exception {
    TinyKdConv.write(dir);
    // the model's likelihood passes are their own steps, not overhead
    PipelineProbe probe = (conversation, text) -> new TurnTimings(Map.of("history", 1_000_000L, "rerank", 90_000_000L), 50_000_000L);
    assertEquals(0, run(new BenchTargets(() -> probe, null, null), "pipeline", "--turns", "5", "--warmup", "2",
        "--data", dir.toString(), "--json"), err.text());
    JsonNode json = out.lastJsonLine();
    JsonNode overhead = json.get("rows").get(2);
    assertEquals("overhead (all steps but score and rerank)", overhead.get("step").asText());
    assertEquals(5, overhead.get("turns").asInt());
    assertEquals(1.0, overhead.get("p99_ms").asDouble(), 1e-9);
    assertTrue(json.get("notes").get(0).asText().contains("met"));
    assertEquals("2 KdConv conversations", json.get("options").get("data").asText());
  }

  @Test
  void decodeRunsTheGenerationModulesBenchmarkOnTheGivenModel() throws Exception {
    assertEquals(0, run(new BenchTargets(null, null, () -> fakeModel), "decode", "--runs", "2", "--warmup", "1", "--streams", "1",
        "--runs-per-stream", "1", "--prompt-tokens", "100", "--json"), err.text());
    assertEquals(4, prompts.size()); // 1 warm-up, 2 runs, 1 stream x 1
    assertTrue(prompts.stream().allMatch(p -> p.endsWith("B:[gMASK]")), prompts.toString());
    JsonNode json = out.lastJsonLine();
    JsonNode row = json.get("rows").get(0);
    assertEquals("fake-glm", row.get("model").asText());
    assertEquals(1.0, row.get("first_token_millis").asDouble(), 1e-9);
    assertEquals(1, json.get("warmup").asInt());
    assertEquals(3, json.get("iterations").asInt());
  }

  @Test
  void recordComponentsBecomeSnakeCaseCells() {
    assertEquals("tokens_per_second", RecordRow.snake("tokensPerSecond"));
    assertEquals("p50_ms", RecordRow.snake("p50Ms"));
    assertEquals("peak_rss_mib", RecordRow.snake("peakRssMiB"));
  }

  @Test
  void aMissingComponentIsNamed() {
    assertEquals(1, run(BenchTargets.none(), "decode"));
    assertTrue(err.text().contains("needs a language model"));
  }

  @Test
  void benchAndEveryBenchmarkAnswerHelpWithTheirGeneratedUsage() {
    assertEquals(0, run(BenchTargets.none(), "--help"));
    String overview = out.text();
    var names = new BenchCommand(BenchTargets.none(), System.out, System.err).commandLine().getSubcommands().keySet();
    assertEquals(List.of("pipeline", "retrieval", "import", "embed", "decode", "load", "sessions"), List.copyOf(names));
    for (String name : names) {
      assertTrue(overview.contains(name), overview);
      out.reset();
      assertEquals(0, run(BenchTargets.none(), name, "-h"), name);
      assertTrue(out.text().startsWith("Usage: xdai bench " + name), out.text());
    }
    out.reset();
    assertEquals(0, run(BenchTargets.none(), "load", "--help"));
    assertTrue(out.text().contains("--url=URL") && out.text().contains("default http://127.0.0.1:8080"),
        out.text());
  }

  @Test
  void theBenchmarksThatTimeTurnsShareTheirOptionsButNotTheirDefaults() {
    for (var expected : List.of(List.of("pipeline", "300", "50"), List.of("sessions", "2000", "400"))) {
      out.reset();
      assertEquals(0, run(BenchTargets.none(), expected.get(0), "--help"));
      String usage = out.text();
      assertTrue(usage.contains("turns measured (default " + expected.get(1) + ")")
          && usage.contains("turns before measuring (default " + expected.get(2) + ")"), usage);
      assertTrue(usage.indexOf("--turns") < usage.indexOf("--warmup"), usage);
    }
  }

  @Test
  void aBadNumberOrChoiceIsExit2NamingTheOption() {
    assertEquals(2, run(BenchTargets.none(), "retrieval", "--queries", "lots"));
    assertTrue(err.text().contains("Invalid value for option '--queries'"), err.text());
    err.reset();
    assertEquals(2, run(BenchTargets.none(), "load", "--sessions", "0"));
    assertTrue(err.text().contains("'--sessions': must be at least 1, got 0"), err.text());
    err.reset();
    assertEquals(2, run(BenchTargets.none(), "retrieval", "--vectors", "wool"));
    assertTrue(err.text().contains("Invalid value for option '--vectors'"), err.text());
    err.reset();
    assertEquals(2, run(BenchTargets.none(), "sessions", "--threads", "1,x"));
    assertTrue(err.text().contains("'--threads'"), err.text());
  }

  @Test
  void typedOptionsReachTheBenchmarkAndItsReport() {
    var bench = new BenchCommand(BenchTargets.none(), System.out, System.err).commandLine();
    bench.setCaseInsensitiveEnumValuesAllowed(true);
    bench.parseArgs("retrieval", "--qa", "1_000,20", "--vectors", "float32", "--embedder", "bge", "--dir", dir.toString(), "--merge", "3");
    RetrievalBench retrieval = bench.getSubcommands().get("retrieval").getCommand();
    assertEquals(List.of(1000, 20), retrieval.sizes);
    assertEquals(dev.xdai.retrieval.index.KnowledgeIndex.VectorStorage.FLOAT32, retrieval.vectors);
    assertEquals(RetrievalBench.EmbedderKind.BGE, retrieval.embedder);
    assertEquals(dir, retrieval.dir);
    assertEquals(3L, retrieval.merge);
    assertEquals(Map.of("qa", "1000,20", "queries", "1000", "vectors", "float32", "embedder", "bge", "dir", dir.toString(), "merge", "3"),
        retrieval.options());
    bench.parseArgs("load", "--url", "http://127.0.0.1:9", "--pid", "42", "--data", "a.json", "b.json");
    LoadBench load = bench.getSubcommands().get("load").getCommand();
    assertEquals(java.net.URI.create("http://127.0.0.1:9"), load.url);
    assertEquals(42L, load.pid);
    assertEquals(List.of(Path.of("a.json"), Path.of("b.json")), load.text.paths);
    assertEquals(null, load.options().get("bot"), "an option not given and without default is null in the report");
  }

  @Test
  void badArgumentsAreUsageErrors() {
    assertEquals(2, run(BenchTargets.none(), "warp-speed"));
    assertEquals(2, run(BenchTargets.none()));
    assertEquals(2, run(BenchTargets.none(), "retrieval", "--qa", "10,abc"));
    assertEquals(2, run(BenchTargets.none(), "retrieval", "--queries", "0"));
    assertEquals(2, run(BenchTargets.none(), "retrieval", "--data", "x"));
    assertEquals(2, run(BenchTargets.none(), "retrieval", "--vectors", "wool"));
    assertEquals(2, run(BenchTargets.none(), "load", "--url", "http://10.1.2.3:8080", "--seconds", "1"));
    assertTrue(err.text().contains("only targets this machine"));
  }

  @Test
  void loadWithNoServiceSaysSoInsteadOfMeasuringErrors() throws Exception {
    TinyKdConv.write(dir);
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) { closed = s.getLocalPort(); } // free again once closed
    assertEquals(2, run(BenchTargets.none(), "load", "--url", "http://127.0.0.1:" + closed, "--seconds", "1",
        "--data", dir.toString()));
    assertTrue(err.text().contains("no xdai service answers at"), err.text());
  }
}
