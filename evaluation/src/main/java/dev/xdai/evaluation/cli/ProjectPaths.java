package dev.xdai.evaluation.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the project and its development data are: the project root is the system property {@code xdai.project.root}
 * (set by {@code ./xdai}), else the working directory; KdConv data defaults to {@code ../shared/data/kdconv} from it.
 */
public final class ProjectPaths {

  private ProjectPaths() {}

  public static Path root() {
    String root = System.getProperty("xdai.project.root");
    return Path.of(root == null || root.isBlank() ? "." : root).toAbsolutePath().normalize();
  }

  /** The default KdConv data directory, when it exists. */
  public static Optional<Path> defaultKdConv() {
    Path dir = root().resolve("../shared/data/kdconv").normalize();
    return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
  }
}
