package dev.xdai.evaluation.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xdai.evaluation.Captured;
import dev.xdai.evaluation.kdconv.OracleKnowledge;
import dev.xdai.evaluation.kdconv.TinyKdConv;
import dev.xdai.evaluation.metrics.Figure;
import dev.xdai.evaluation.metrics.InjectedKnowledge;
import dev.xdai.generation.Score;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {

  @TempDir Path dir;
  private Path data;
  private final Captured out = new Captured();
  private final Captured err = new Captured();
  private final List<EvalTurn> turns = new ArrayList<>();
  private final List<String> loaded = new ArrayList<>();

  /** Answers with the gold reply (so f1 is 100) and claims the oracle items, or the gold triples, as injected. */
  private final DialogueUnderTest parrot = new DialogueUnderTest() {
    @Override public String modelName() { return "parrot"; }

    @Override public EvalOutcome respond(EvalTurn turn) {
      turns.add(turn);
      List<InjectedKnowledge> injected = new ArrayList<>();
      if (turn.mode() == EvalMode.RETRIEVED) {
        turn.sample().goldTriples().forEach(t -> injected.add(new InjectedKnowledge(OracleKnowledge.qa(t, "r", turn.pack(), 1), t)));
      }
      turn.oracleKnowledge().forEach(k -> injected.add(InjectedKnowledge.of(k)));
      String reply = turn.sample().goldReply();
      String query = turn.sample().context().get(turn.sample().context().size() - 1).text(); // shown with no history
      return new EvalOutcome(reply, injected, "", query, new Score(-reply.length(), reply.length(), reply.length()), "A:" + query + "|B:[gMASK]");
    }
  };

  @BeforeEach
  void data() throws Exception {
    data = TinyKdConv.write(dir);
  }

  private int run(String... args) {
    KnowledgeLoader loader = (pack, files) -> {
      loaded.add(pack + " " + files.size());
      return 4;
    };
    return new EvalCommand(() -> parrot, loader, out.stream(),
        err.stream()).run(args);
  }

  @Test
  void dumpWritesOneLinePerSampleWithTheGoldRank() throws Exception {
    Path dump = dir.resolve("samples.jsonl");
    assertEquals(0, run("--data", dir.toString(), "--mode", "retrieved", "--samples", "2", "--dump", dump.toString()));
    List<String> lines = java.nio.file.Files.readAllLines(dump, StandardCharsets.UTF_8);
    assertEquals(2, lines.size());
    for (String line : lines) {
      JsonNode sample = new ObjectMapper().readTree(line);
      assertEquals(sample.get("gold_reply").asText(), sample.get("reply").asText());
      assertEquals(1, sample.get("gold_rank").asInt()); // the parrot injects the gold triples first
      assertTrue(sample.get("gold_triples").size() > 0);
      assertEquals(sample.get("gold_triples").size(), sample.get("injected").size());
      JsonNode context = sample.get("context");
      assertEquals(List.of(context.get(context.size() - 1).asText()), List.of(sample.get("prompt_context").get(0).asText()));
      assertEquals(1, sample.get("prompt_context").size());
      assertEquals("A:" + context.get(context.size() - 1).asText() + "|B:[gMASK]", sample.get("prompt").asText());
    }
  }

  @Test
  void jsonLastLineHasEveryFigureAndTheSetup() throws Exception {
    assertEquals(0, run("--data", dir.toString(), "--mode", "oracle", "--samples", "2", "--json"));
    JsonNode json = out.lastJsonLine();
    assertEquals("oracle", json.get("mode").asText());
    assertEquals(2, json.get("samples").asInt());
    for (Figure f : Figure.values()) assertTrue(json.has(f.key()), f.key());
    for (String key : List.of("seed", "model", "data", "ablations", "date", "command", "seconds")) assertTrue(json.has(key), key);
    assertEquals(100.0, json.get("f1").asDouble(), 1e-9);
    assertEquals(100.0, json.get("bleu2").asDouble(), 1e-9);
    assertEquals(Math.E, json.get("char_ppl").asDouble(), 1e-3);
    assertTrue(json.get("knowledge_recall@1").isNull());
    assertEquals("parrot", json.get("model").asText());
    assertTrue(out.text().contains("knowledge_f1"));
  }

  @Test
  void oracleModeHandsTheRenderedGoldKnowledge() {
    assertEquals(0, run("--data", data.toString(), "--samples", "3"));
    assertEquals(3, turns.size());
    for (EvalTurn t : turns) {
      assertEquals(EvalMode.ORACLE, t.mode());
      assertEquals(t.sample().goldTriples().size(), t.oracleKnowledge().size());
      assertEquals(60, t.maxReplyChars());
      assertEquals("", t.pack());
    }
    assertTrue(loaded.isEmpty());
  }

  @Test
  void noneModeAndSwitchesAreHandedOn() {
    assertEquals(0, run("--data", data.toString(), "--mode", "none", "--no-background", "--no-persona",
        "--inverse-prompting", "--no-copy-bias", "--sampling", "--bot", "guide"));
    EvalTurn t = turns.get(0);
    assertEquals(EvalMode.NONE, t.mode());
    assertTrue(t.oracleKnowledge().isEmpty());
    assertEquals(new Ablations(true, true, false, true, false, false, false, true, true, true, true), t.ablations());
    assertEquals("guide", t.bot());
  }

  @Test
  void relevanceOrderIsASwitchWithItsOwnLabel() throws Exception {
    assertEquals(0, run("--data", data.toString(), "--mode", "retrieved", "--relevance-order", "--samples", "1", "--json"));
    assertTrue(turns.get(0).ablations().relevanceOrder());
    assertEquals("relevance-order", out.lastJsonLine().get("ablation").asText());
    assertTrue(out.lastJsonLine().get("ablations").get("history_relevance_order").asBoolean());
  }

  @Test
  void retrievedModeLoadsTheDataOnceAndMeasuresRecall() throws Exception {
    assertEquals(0, run("--data", dir.toString(), "--mode", "retrieved", "--json"));
    assertEquals(List.of(EvalSettings.PACK + " 1"), loaded);
    assertTrue(turns.stream().allMatch(t -> t.pack().equals(EvalSettings.PACK) && t.oracleKnowledge().isEmpty()));
    assertEquals(100.0, out.lastJsonLine().get("knowledge_recall@1").asDouble(), 1e-9);
  }

  @Test
  void sameSeedSameSamplesOtherSeedOtherOrder() {
    run("--data", data.toString(), "--samples", "3", "--seed", "5");
    List<String> first = turns.stream().map(t -> t.sample().id()).toList();
    turns.clear();
    run("--data", data.toString(), "--samples", "3", "--seed", "5");
    assertEquals(first, turns.stream().map(t -> t.sample().id()).toList());
    List<List<String>> orders = new ArrayList<>();
    for (int seed = 0; seed < 8; seed++) {
      turns.clear();
      run("--data", data.toString(), "--samples", "3", "--seed", String.valueOf(seed));
      orders.add(turns.stream().map(t -> t.sample().id()).toList());
    }
    assertNotEquals(1, orders.stream().distinct().count());
  }

  @Test
  void repliesAreCutTo60Characters() throws Exception {
    DialogueUnderTest chatty = new DialogueUnderTest() {
      @Override public String modelName() { return "chatty"; }

      @Override public EvalOutcome respond(EvalTurn turn) {
        return new EvalOutcome("好".repeat(200), List.of(), "", "", null, null);
      }
    };
    KdConvEvaluation evaluation = new KdConvEvaluation(chatty, null);
    EvalResult r = evaluation.run(new EvalSettings(List.of(data), EvalMode.NONE, 1, 1, null, Ablations.DEFAULT), n -> {});
    // distinct1 over one 60-character reply of one repeated character: 1/60
    assertEquals(100.0 / 60, r.figures().get(Figure.DISTINCT1), 1e-9);
    assertEquals(null, r.figures().get(Figure.CHAR_PPL));
  }

  @Test
  void unknownModeIsAUsageError() {
    assertEquals(2, run("--data", data.toString(), "--mode", "magic"));
    String message = err.text();
    assertTrue(message.contains("--mode") && message.contains("'magic'") && message.contains("RETRIEVED"), message);
    assertTrue(turns.isEmpty());
  }

  @Test
  void missingFileIsAnError() {
    assertEquals(2, run("--data", dir.resolve("missing.json").toString()));
    assertTrue(err.text().contains("no such file or directory"));
  }

  @Test
  void sampleCountMustBePositive() {
    assertEquals(2, run("--data", data.toString(), "--samples", "0"));
    assertTrue(err.text().contains("Invalid value for option '--samples': must be at least 1, got 0"),
        err.text());
    assertEquals(2, run("--data", data.toString(), "--samples", "many"));
    assertEquals(2, run("--data", data.toString(), "--samples", "-3"));
  }

  @Test
  void otherBadArguments() {
    assertEquals(2, run("--data", data.toString(), "--colour", "red"));
    assertTrue(err.text().contains("Unknown option: '--colour'"), err.text());
    assertEquals(2, run("squad", "--data", data.toString()));
    assertEquals(2, run("--data"));
    assertEquals(2, run("--data", data.toString(), "--seed"));
    assertEquals(2, run("--data", data.toString(), "--seed", "x"));
    assertTrue(turns.isEmpty());
  }

  @Test
  void aFailingDialogueFailsTheRunNamingTheSample() {
    DialogueUnderTest broken = new DialogueUnderTest() {
      @Override public String modelName() { return "broken"; }

      @Override public EvalOutcome respond(EvalTurn turn) { throw new IllegalStateException("model not loaded"); }
    };
    int status = new EvalCommand(() -> broken, null, out.stream(), err.stream())
        .run("--data", data.toString());
    assertEquals(1, status);
    String message = err.text();
    assertTrue(message.contains("model not loaded") && message.contains("dev.json#"), message);
  }

  @Test
  void retrievedModeWithoutAnImporterSaysSo() {
    int status = new EvalCommand(() -> parrot, null, out.stream(), err.stream())
        .run("--data", data.toString(), "--mode", "retrieved");
    assertEquals(1, status);
    assertTrue(err.text().contains("importer"));
    assertFalse(out.text().contains("f1"));
  }
}
