package dev.xdai.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xdai.app.Wiring;
import dev.xdai.app.XdaiConfig;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The eval and bench commands as Commands wires them inside Quarkus. */
@QuarkusTest
class ToolCommandsTest {

  @Inject ToolCommands tools;
  @Inject XdaiConfig config;

  @Test
  void benchLoadTargetsTheServiceOfThisDataDirectoryUnlessTold() throws Exception {
    CommandLine bench = tools.bench().commandLine();
    CommandLine load = bench.getSubcommands().get("load");
    load.setDefaultValueProvider(tools.runningService()); // as Commands does
    bench.parseArgs("load");
    assertEquals(URI.create("http://127.0.0.1:8080"), load.getCommandSpec().findOption("--url").getValue(), "no service: the default");
    Path data = Wiring.dataDir(config);
    RunningService.record(data, URI.create("http://127.0.0.1:18099"));
    try {
      bench.parseArgs("load");
      assertEquals(URI.create("http://127.0.0.1:18099"), load.getCommandSpec().findOption("--url").getValue());
      assertEquals(ProcessHandle.current().pid(), (long) load.getCommandSpec().findOption("--pid").getValue());
      bench.parseArgs("load", "--url", "http://127.0.0.1:9", "--pid", "7");
      assertEquals(URI.create("http://127.0.0.1:9"), load.getCommandSpec().findOption("--url").getValue(), "given wins");
      assertEquals(7L, (long) load.getCommandSpec().findOption("--pid").getValue());
    } finally {
      Files.deleteIfExists(data.resolve(RunningService.FILE)); // other tests of this run must find no service
    }
  }
}
