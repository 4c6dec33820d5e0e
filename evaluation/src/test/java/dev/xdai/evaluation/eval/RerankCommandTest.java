package dev.xdai.evaluation.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.evaluation.Captured;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RerankCommandTest {

  private final Captured out = new Captured();
  private final Captured err = new Captured();
  private final List<String> fitted = new ArrayList<>();

  /** A command whose measuring side must not be reached: these tests only parse, help and fit. */
  private int run(String... args) {
    RerankCommand command = new RerankCommand(() -> { throw new AssertionError("no model for this"); },
        () -> { throw new AssertionError("no reranker for this"); }, (dumps, write) -> {
          fitted.add(dumps + " -> " + write);
          return 0;
        }, out.stream(), err.stream());
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
    assertTrue(err.text().contains("--fit takes only --write, not --samples"), err.text());
    assertEquals(2, run("--write", "x"));
    assertTrue(fitted.isEmpty());
  }

  @Test
  void helpAndBadNumbers() {
    assertEquals(0, run("--help"));
    String usage = out.text();
    assertTrue(usage.startsWith("Usage: xdai eval rerank") && usage.contains("--candidates=K") && usage.contains("--fit=FILE"), usage);
    assertEquals(2, run("--candidates", "1"));
    assertTrue(err.text().contains("--candidates must be at least 2"), err.text());
    assertEquals(2, run("--samples", "ten"));
    assertTrue(err.text().contains("Invalid value for option '--samples'"), err.text());
  }
}
