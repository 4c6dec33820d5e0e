package dev.xdai.graphserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The server's command line, as the launcher and {@code --help} use it; nothing is started. */
class GraphServerMainTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private CommandLine cli(GraphServerMain server) {
    return new CommandLine(server).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
  }

  @Test
  void theLaunchersOptionsReachTheServer() {
    GraphServerMain server = new GraphServerMain();
    cli(server).parseArgs("--data", "/srv/graph", "--bolt", "[::1]:7688", "--password-file", "/run/pw", "--page-cache", "1g",
        "--exit-on-stdin-close", "--advertise", "graph.internal");
    assertEquals(Path.of("/srv/graph"), server.data);
    assertEquals(new GraphServerMain.BoltAddress.Address("::1", 7688), server.bolt);
    assertEquals(Path.of("/run/pw"), server.passwordFile);
    assertEquals(1L << 30, server.pageCacheBytes);
    assertEquals(256L << 20, server.txMemoryBytes, "the default");
    assertTrue(server.exitOnStdinClose);
    assertEquals("graph.internal", server.advertise);
  }

  @Test
  void boltListensOnLoopbackOnAnyFreePortUnlessTold() {
    GraphServerMain server = new GraphServerMain();
    cli(server).parseArgs("--data", "d");
    assertEquals(new GraphServerMain.BoltAddress.Address("127.0.0.1", 0), server.bolt);
    assertFalse(server.bolt.isWildcard());
    assertEquals(64L << 20, server.pageCacheBytes);
    assertFalse(server.exitOnStdinClose);
  }

  @Test
  void helpListsTheOptionsOnStdout() {
    assertEquals(0, cli(new GraphServerMain()).execute("--help"));
    String usage = out.toString();
    assertTrue(usage.startsWith("Usage: GraphServerMain"), usage);
    for (String option : new String[] {"--data=DIR", "--bolt=HOST:PORT", "--advertise=HOST", "--password-file=F", "--page-cache=SIZE",
        "--tx-memory=SIZE", "--exit-on-stdin-close"}) {
      assertTrue(usage.contains(option), option + ": " + usage);
    }
    assertTrue(err.toString().isEmpty(), err.toString());
  }

  @Test
  void aBadOptionIsExit2NamingItOnStderrOnly() {
    String[][] bad = {
        {"--bolt", "7687"},
        {"--bolt", ":7687"},
        {"--bolt", "127.0.0.1:http"},
        {"--bolt", "127.0.0.1:70000"},
        {"--page-cache", "lots"},
        {"--port", "1"},
        {"--data"},
    };
    for (String[] args : bad) {
      out.getBuffer().setLength(0);
      err.getBuffer().setLength(0);
      String[] withData = args[0].equals("--data") ? args : concat(args);
      assertEquals(2, cli(new GraphServerMain()).execute(withData), String.join(" ", withData));
      assertTrue(err.toString().contains(args[0]), String.join(" ", withData) + ": " + err);
      assertTrue(out.toString().isEmpty(), "stdout is only for the ready lines: " + out);
    }
    err.getBuffer().setLength(0);
    assertEquals(2, cli(new GraphServerMain()).execute());
    assertTrue(err.toString().contains("Missing required option: '--data=DIR'"), err.toString());
  }

  private static String[] concat(String[] args) {
    String[] all = new String[args.length + 2];
    all[0] = "--data";
    all[1] = "d";
    System.arraycopy(args, 0, all, 2, args.length);
    return all;
  }
}
