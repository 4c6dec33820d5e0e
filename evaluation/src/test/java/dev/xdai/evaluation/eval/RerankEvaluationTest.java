package dev.xdai.evaluation.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xdai.evaluation.kdconv.TinyKdConv;
import dev.xdai.generation.Score;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RerankEvaluationTest {

  @TempDir Path dir;

  /** The model's own reply: the same words for every turn, asked for without the response bank. */
  static final String OWN = "我也不太清楚呢";

  final List<EvalTurn> turns = new ArrayList<>();

  final DialogueUnderTest model = new DialogueUnderTest() {
    @Override public String modelName() { return "fixed"; }

    @Override public EvalOutcome respond(EvalTurn turn) {
      turns.add(turn);
      return new EvalOutcome(OWN, List.of(), "", "", new Score(0, 0, 0), "A:" + turn.sample().query() + "|B:[gMASK]");
    }
  };

  /** One feature, the candidate's length; "short" prefers the shortest reply, "long" the longest. */
  final RerankEvaluation.Reranker byLength = new RerankEvaluation.Reranker() {
    @Override public List<String> features() { return List.of("length"); }

    @Override public Map<String, ToDoubleFunction<double[]>> scores() {
      return Map.of("short", f -> -f[0]);
    }

    @Override public List<double[]> describe(String prompt, String utterance, List<String> candidates) {
      return candidates.stream().map(c -> new double[] {c.length()}).toList();
    }
  };

  @Test
  void theModelsOwnReplyIsRankedAgainstTheTrueOneAndDumpedAfterThePeoples() throws Exception {
    Path data = TinyKdConv.write(dir);
    Path dump = dir.resolve("rerank.jsonl");
    RerankEvaluation.Result r = new RerankEvaluation(model, byLength).run(List.of(data), 3, 2, 1, null, dump, done -> {});
    assertEquals(3, r.samples());
    assertTrue(turns.stream().allMatch(t -> !t.ablations().bank() && t.mode() == EvalMode.NONE), "asked without the bank");
    List<String> lines = Files.readAllLines(dump, StandardCharsets.UTF_8);
    assertEquals(3, lines.size());
    int ownBeats = 0;
    for (String line : lines) {
      JsonNode json = new ObjectMapper().readTree(line);
      JsonNode candidates = json.get("candidates");
      assertEquals(3, candidates.size(), "the true reply, one other person's, the model's own: " + line);
      assertEquals(2, json.get("own").asInt());
      assertEquals(OWN.length(), candidates.get(2).get(0).asDouble(), 1e-9);
      if (OWN.length() < candidates.get(0).get(0).asDouble()) ownBeats++;
    }
    // the shortest wins: the own reply (7 characters) beats a longer true reply, and never counts as a person's
    assertEquals(100.0 * ownBeats / 3, r.ownOverTrue().get("short"), 1e-9);
    assertTrue(ownBeats > 0 && ownBeats < 3, "the fixture has true replies on both sides of 7 characters");
  }
}
