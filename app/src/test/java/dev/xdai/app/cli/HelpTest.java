package dev.xdai.app.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.evaluation.eval.EvalCommand;
import dev.xdai.evaluation.eval.RerankCommand;
import org.junit.jupiter.api.Test;

class HelpTest {

  @Test
  void everyCommandAnswersHelpWithItsOwnUsage() {
    assertEquals(RerankCommand.USAGE, Help.of("eval", "rerank", "--help").orElseThrow());
    assertEquals(CalibrateCommand.USAGE, Help.of("eval", "calibrate", "-h").orElseThrow());
    assertEquals(EvalCommand.USAGE, Help.of("eval", "kdconv", "--mode", "oracle", "--help").orElseThrow());
    assertEquals(KeysCommand.USAGE, Help.of("keys", "--help").orElseThrow());
    assertEquals(ToolCommands.IMPORT_USAGE, Help.of("import", "-h").orElseThrow());
    String bench = Help.of("bench", "load", "--help").orElseThrow();
    assertTrue(bench.contains("load") && bench.contains("--url") && bench.contains("pipeline"), bench);
    for (String c : new String[] {"serve", "chat"}) assertTrue(Help.of(c, "--help").orElseThrow().startsWith("usage: xdai " + c));
    assertTrue(Help.of("frobnicate", "--help").orElseThrow().contains("serve|chat|import|eval|bench|keys"));
  }

  @Test
  void withoutHelpNothingIsPrinted() {
    assertTrue(Help.of().isEmpty());
    assertTrue(Help.of("eval", "kdconv", "--mode", "oracle").isEmpty());
    assertTrue(Help.of("chat", "--bot", "student").isEmpty());
  }

  @Test
  void clientCommandsBootNothingOfTheService() {
    assertTrue(Help.clientOnly("keys", "list"));
    assertTrue(Help.clientOnly("import", "--pack", "x"));
    assertTrue(Help.clientOnly("bench", "load"));
    assertTrue(Help.clientOnly("bench", "decode"));
    assertFalse(Help.clientOnly("bench", "pipeline"));
    assertFalse(Help.clientOnly("bench", "import"));
    assertFalse(Help.clientOnly());
    assertFalse(Help.clientOnly("serve"));
    assertFalse(Help.clientOnly("eval", "kdconv"));
    assertFalse(Help.clientOnly("chat"));
  }
}
