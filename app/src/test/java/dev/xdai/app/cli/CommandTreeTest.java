package dev.xdai.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.app.security.ApiKeys;
import dev.xdai.evaluation.eval.EvalMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The xdai command line as Main parses it, before anything boots: help, usage errors, typed options, what boots. */
class CommandTreeTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private CommandLine tree() {
    return CommandTree.unbooted(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    return tree().execute(args);
  }

  private ParseResult parse(String... args) {
    return tree().parseArgs(args);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** Every command path of the tree: [serve], [eval], [eval, kdconv], [keys, create], … */
  private static void paths(CommandLine command, List<String> path, List<List<String>> into) {
    command.getSubcommands().forEach((name, sub) -> {
      List<String> p = new ArrayList<>(path);
      p.add(name);
      into.add(p);
      paths(sub, p, into);
    });
  }

  @Test
  void everyCommandAndSubcommandAnswersHelpWithItsGeneratedUsage() {
    List<List<String>> all = new ArrayList<>();
    paths(tree(), List.of(), all);
    assertEquals(20, all.size(), all.toString()); // 7 commands, 3 evaluations, 7 benchmarks, 3 key commands
    for (List<String> path : all) {
      for (String flag : new String[] {"--help", "-h"}) {
        List<String> args = new ArrayList<>(path);
        args.add(flag);
        assertEquals(0, run(args.toArray(String[]::new)), args + ": " + err());
        String usage = out.toString(StandardCharsets.UTF_8);
        assertTrue(usage.startsWith("Usage: xdai " + String.join(" ", path)), args + ": " + usage);
        assertTrue(err().isEmpty(), err());
      }
    }
    assertEquals(0, run("--help"));
    for (String command : List.of("serve", "chat", "import", "eval", "bench", "keys", "graph-server")) {
      assertTrue(out.toString(StandardCharsets.UTF_8).contains(command), command);
    }
  }

  @Test
  void helpShowsTheOptionsTheirTypesAndDefaults() {
    run("bench", "load", "--help");
    String load = out.toString(StandardCharsets.UTF_8);
    assertTrue(load.contains("--url=URL") && load.contains("default http://127.0.0.1:8080") && load.contains("--sessions=N"), load);
    run("graph-server", "--help");
    String graph = out.toString(StandardCharsets.UTF_8);
    assertTrue(graph.contains("--bolt=HOST:PORT") && graph.contains("default 127.0.0.1:7687") && graph.contains("--heap=SIZE"), graph);
    run("keys", "create", "-h");
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("--role=ROLE"), out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aBadNumberOrChoiceIsExit2NamingTheOption() {
    String[][] bad = {
        {"bench", "retrieval", "--queries", "many", "--queries"},
        {"bench", "load", "--seconds", "0", "--seconds"},
        {"eval", "kdconv", "--samples", "x", "--samples"},
        {"eval", "kdconv", "--mode", "magic", "--mode"},
        {"eval", "rerank", "--candidates", "-1", "--candidates"},
        {"keys", "create", "--name", "ops", "--role", "root", "--role"},
        {"import", "--pack", "p", "--format", "xml", "f.xml", "--format"},
        {"chat", "--url", "ftp://host/", "--url"},
        {"graph-server", "--bolt", "7687", "--bolt"},
    };
    for (String[] c : bad) {
      String option = c[c.length - 1];
      String[] args = java.util.Arrays.copyOf(c, c.length - 1);
      assertEquals(2, run(args), String.join(" ", args));
      assertTrue(err().contains("Invalid value for option '" + option + "'"), String.join(" ", args) + ": " + err());
      assertTrue(out.toString(StandardCharsets.UTF_8).isEmpty());
    }
  }

  @Test
  void otherUsageErrorsAreExit2WithTheCommandsUsage() {
    assertEquals(2, run("frobnicate"));
    assertTrue(err().contains("Unmatched argument at index 0: 'frobnicate'"), err());
    assertEquals(2, run("keys"));
    assertTrue(err().contains("Missing required subcommand") && err().contains("Usage: xdai keys"), err());
    assertEquals(2, run("import", "--pack", "p", "f.csv"));
    assertTrue(err().contains("Missing required option: '--format=FORMAT'"), err());
    assertEquals(2, run("chat", "--colour", "red"));
    assertTrue(err().contains("Unknown options: '--colour', 'red'"), err());
    assertEquals(2, run("eval", "calibrate"));
    assertTrue(err().contains("--dump"), err());
    assertEquals(2, run("keys", "revoke"));
    assertEquals(2, run("keys", "revoke", "a", "b"));
  }

  @Test
  void typedOptionsReachTheCommands() {
    ParseResult chat = parse("chat", "--bot", "student", "--url", "http://10.0.0.5:8081").subcommand();
    ChatCommand c = (ChatCommand) chat.commandSpec().userObject();
    assertEquals("student", c.bot);
    assertEquals(URI.create("http://10.0.0.5:8081"), c.url);

    ImportCommand i = (ImportCommand) parse("import", "--pack", "films", "--format", "csv", "a.csv", "dir").subcommand().commandSpec().userObject();
    assertEquals(PackFormat.TRIPLES, i.format);
    assertEquals(List.of(Path.of("a.csv"), Path.of("dir")), i.files);
    ImportCommand bank = (ImportCommand) parse("import", "--pack", "chat", "--format", "dialogue", "a.tsv").subcommand().commandSpec().userObject();
    assertTrue(bank.format.knowledge().isEmpty());

    ParseResult create = parse("keys", "create", "--name", "desk", "--role", "admin", "--bots", "a,b").subcommand().subcommand();
    assertEquals(ApiKeys.Role.ADMIN, create.matchedOptionValue("--role", ApiKeys.Role.CHAT));
    assertEquals(List.of("a", "b"), create.matchedOptionValue("--bots", List.of()));

    ParseResult kdconv = parse("eval", "kdconv", "--mode", "RETRIEVED", "--samples", "7").subcommand().subcommand();
    assertEquals(EvalMode.RETRIEVED, kdconv.matchedOptionValue("--mode", EvalMode.ORACLE));
    assertEquals(7, (int) kdconv.matchedOptionValue("--samples", 0));
  }

  @Test
  void theGraphServerListensOnLoopbackUnlessToldAndRefusesBadAddresses() {
    GraphServerCommand defaults = new GraphServerCommand(Path.of("/srv/xdai"));
    new CommandLine(defaults).parseArgs();
    var config = defaults.config();
    assertEquals(Path.of("/srv/xdai/data/graph"), config.dataDir());
    assertEquals("127.0.0.1", config.bolt().host());
    assertEquals(7687, config.bolt().port());
    assertEquals(Path.of("/srv/xdai/graph-server/target"), config.serverDir());
    assertEquals(dev.xdai.graph.GraphServerConfig.DEFAULT_HEAP, config.heap());
    GraphServerCommand shared = new GraphServerCommand(Path.of("/srv/xdai"));
    new CommandLine(shared).parseArgs("--data", "/var/graph", "--bolt", "0.0.0.0:0", "--advertise", "graph.internal", "--heap", "2g");
    config = shared.config();
    assertEquals(Path.of("/var/graph"), config.dataDir());
    assertEquals(0, config.bolt().port());
    assertEquals("graph.internal", config.bolt().advertise().orElseThrow());
    assertEquals("2g", config.heap());
    assertEquals(2, run("graph-server", "--data"));
    assertEquals(2, run("graph-server", "--port", "1"));
  }

  @Test
  void clientCommandsBootNothingOfTheService() {
    assertTrue(CommandTree.clientOnly(parse("keys", "list")));
    assertTrue(CommandTree.clientOnly(parse("import", "--pack", "x", "--format", "faq", "f.jsonl")));
    assertTrue(CommandTree.clientOnly(parse("bench", "load")));
    assertTrue(CommandTree.clientOnly(parse("bench", "decode")));
    assertFalse(CommandTree.clientOnly(parse("bench", "pipeline")));
    assertFalse(CommandTree.clientOnly(parse("bench", "import")));
    assertFalse(CommandTree.clientOnly(parse("bench", "sessions")));
    assertFalse(CommandTree.clientOnly(parse(CommandTree.orServe())));
    assertFalse(CommandTree.clientOnly(parse("serve")));
    assertFalse(CommandTree.clientOnly(parse("eval", "kdconv")));
    assertFalse(CommandTree.clientOnly(parse("chat")));
    assertTrue(CommandTree.clientOnly(parse("chat", "--url", "http://10.0.0.5:8080")), "a chat with a replica named starts nothing here");
  }

  @Test
  void theServicesStartReadsTheCommandFromTheArgumentsQuarkusRunsWith() {
    assertEquals(new CommandTree.Launch("serve", false), CommandTree.launch(), "no arguments, as in tests");
    assertEquals(new CommandTree.Launch("serve", false), CommandTree.launch("serve"));
    assertEquals(new CommandTree.Launch("keys", true), CommandTree.launch("keys", "list"));
    assertEquals(new CommandTree.Launch("chat", false), CommandTree.launch("chat", "--bot", "student"));
    assertEquals(new CommandTree.Launch("chat", true), CommandTree.launch("chat", "--url", "http://10.0.0.5:8080"));
    assertEquals(new CommandTree.Launch("bench", false), CommandTree.launch("bench", "pipeline"));
  }

  @Test
  void onlyHelpUsageErrorsAndTheGraphServerAreAnsweredBeforeBoot() {
    assertTrue(CommandTree.answeredUnbooted(parse("eval", "kdconv", "--mode", "oracle", "--help")));
    assertTrue(CommandTree.answeredUnbooted(parse("eval")));
    assertTrue(CommandTree.answeredUnbooted(parse("graph-server")));
    assertFalse(CommandTree.answeredUnbooted(parse("serve")));
    assertFalse(CommandTree.answeredUnbooted(parse("keys", "list")));
    assertFalse(CommandTree.answeredUnbooted(parse("chat", "--bot", "student")));
    assertEquals("serve", CommandTree.command(parse(CommandTree.orServe())));
  }
}
