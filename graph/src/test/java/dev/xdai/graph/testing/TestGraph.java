package dev.xdai.graph.testing;

import dev.xdai.graph.GraphConnection;
import dev.xdai.graph.GraphServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One real graph server for the whole test run (starting Neo4j takes seconds), launched by the production launcher in
 * {@code target/test-graph-<pid>}; test classes keep apart by using their own names (packs, leases). Published in this
 * module's test jar for the tests of the modules that store in the graph.
 */
public final class TestGraph {
  private static GraphConnection connection;

  private TestGraph() {}

  public static synchronized GraphConnection get() {
    if (connection == null) {
      Path target = Path.of("target").toAbsolutePath();
      deleteOldRuns(target);
      Path dir = target.resolve("test-graph-" + ProcessHandle.current().pid());
      GraphServerConfig config = GraphServerConfig.local(dir).withWatchdogInterval(Duration.ofMillis(500));
      connection = GraphConnection.open(config);
      GraphConnection opened = connection;
      Runtime.getRuntime().addShutdownHook(new Thread(opened::close));
    }
    return connection;
  }

  /** Data of earlier runs whose JVM is gone (their servers exited with them). */
  private static void deleteOldRuns(Path target) {
    if (!Files.isDirectory(target)) return;
    try (Stream<Path> dirs = Files.list(target)) {
      dirs.filter(d -> d.getFileName().toString().startsWith("test-graph-"))
          .filter(d -> {
            String pid = d.getFileName().toString().substring("test-graph-".length());
            return pid.chars().allMatch(Character::isDigit) && ProcessHandle.of(Long.parseLong(pid)).isEmpty();
          })
          .forEach(TestGraph::deleteTree);
    } catch (IOException e) {
      // leftovers only cost disk space
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }
}
