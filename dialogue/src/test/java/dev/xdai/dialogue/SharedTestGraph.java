package dev.xdai.dialogue;

import dev.xdai.graph.GraphConnection;
import dev.xdai.graph.GraphServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One real graph server for the dialogue tests that need one (starting Neo4j takes seconds), launched by the production
 * launcher in {@code target/dialogue-graph-<pid>} and stopped with the JVM; tests keep apart by their own ids.
 */
final class SharedTestGraph {
  private static GraphConnection connection;

  private SharedTestGraph() {}

  static synchronized GraphConnection get() {
    if (connection == null) {
      Path target = Path.of("target").toAbsolutePath();
      Path dir = target.resolve("dialogue-graph-" + ProcessHandle.current().pid());
      deleteTree(dir);
      connection = GraphConnection.open(GraphServerConfig.local(dir));
      GraphConnection opened = connection;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        opened.close();
        deleteTree(dir);
      }));
    }
    return connection;
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) return;
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // leftovers only cost disk space
    }
  }
}
