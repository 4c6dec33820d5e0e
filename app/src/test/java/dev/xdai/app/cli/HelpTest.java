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
    assertTrue(Help.of("frobnicate", "--help").orElseThrow().contains("serve|chat|import|eval|bench|keys|graph-server"));
    assertEquals(GraphServerCommand.USAGE, Help.of("graph-server", "--help").orElseThrow());
  }

  @Test
  void theGraphServerListensOnLoopbackUnlessToldAndRefusesBadAddresses() {
    var defaults = GraphServerCommand.parse(java.nio.file.Path.of("/srv/xdai"));
    assertEquals(java.nio.file.Path.of("/srv/xdai/data/graph"), defaults.dataDir());
    assertEquals("127.0.0.1", defaults.bolt().host());
    assertEquals(7687, defaults.bolt().port());
    assertEquals(java.nio.file.Path.of("/srv/xdai/graph-server/target"), defaults.serverDir());
    var shared = GraphServerCommand.parse(java.nio.file.Path.of("/srv/xdai"), "--data", "/var/graph", "--bolt", "0.0.0.0:0",
        "--advertise", "graph.internal", "--heap", "2g");
    assertEquals(java.nio.file.Path.of("/var/graph"), shared.dataDir());
    assertEquals(0, shared.bolt().port());
    assertEquals("graph.internal", shared.bolt().advertise().orElseThrow());
    assertEquals("2g", shared.heap());
    assertThrows(IllegalArgumentException.class, () -> GraphServerCommand.parse(java.nio.file.Path.of("."), "--bolt", "7687"));
    assertThrows(IllegalArgumentException.class, () -> GraphServerCommand.parse(java.nio.file.Path.of("."), "--data"));
    assertThrows(IllegalArgumentException.class, () -> GraphServerCommand.parse(java.nio.file.Path.of("."), "--port", "1"));
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
    assertFalse(Help.clientOnly("bench", "sessions"));
    assertFalse(Help.clientOnly());
    assertFalse(Help.clientOnly("serve"));
    assertFalse(Help.clientOnly("eval", "kdconv"));
    assertFalse(Help.clientOnly("chat"));
    assertTrue(Help.clientOnly("chat", "--url", "http://10.0.0.5:8080"), "a chat with a replica named starts nothing here");
  }
}
