package dev.xdai.evaluation.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RerankCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<String> fitted = new ArrayList<>();

  /** A command whose measuring side must not be reached: these tests only parse, help and fit. */
  private int run(String... args) {
    RerankCommand command = new RerankCommand(() -> { throw new AssertionError("no model for this"); },
        () -> { throw new AssertionError("no reranker for this"); }, (dumps, write) -> {
          fitted.add(dumps + " -> " + write);
          return 0;
        }, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return command.run(args);
  }

  @Test
  void fitHandsTheDumpsAndTheTargetAsPaths() {
    assertEquals(0, run("--fit", "a.jsonl", "b.jsonl", "--write", "out/rank.txt"));
    assertEquals(List.of(List.of(Path.of("a.jsonl"), Path.of("b.jsonl")) + " -> " + Path.of("out/rank.txt")), fitted);
  }

  @Test
  void fitWithMeasuringOptionsOrWriteWithoutFitIsAUsageError() {
    assertEquals(2, run("--fit", "a.jsonl", "--samples", "5"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--fit takes only --write, not --samples"), err.toString(StandardCharsets.UTF_8));
    assertEquals(2, run("--write", "x"));
    assertTrue(fitted.isEmpty());
  }

  @Test
  void helpAndBadNumbers() {
    assertEquals(0, run("--help"));
    String usage = out.toString(StandardCharsets.UTF_8);
    assertTrue(usage.startsWith("Usage: xdai eval rerank") && usage.contains("--candidates=K") && usage.contains("--fit=FILE"), usage);
    assertEquals(2, run("--candidates", "1"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--candidates must be at least 2"), err.toString(StandardCharsets.UTF_8));
    assertEquals(2, run("--samples", "ten"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("Invalid value for option '--samples'"), err.toString(StandardCharsets.UTF_8));
  }
}
