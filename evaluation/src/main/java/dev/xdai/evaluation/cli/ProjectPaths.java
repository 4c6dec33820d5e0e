package dev.xdai.evaluation.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the project and its development data are: the project root is the system property {@value #ROOT_PROPERTY}
 * (set by {@code ./xdai}), else the working directory; KdConv data defaults to {@code ../shared/data/kdconv} from it.
 */
public final class ProjectPaths {

  /**
   * The project root's system property; outside the service's {@code xdai.} settings, where an unknown key stops the
   * start.
   */
  public static final String ROOT_PROPERTY = "xdai-project.root";

  private ProjectPaths() {}

  public static Path root() {
    String root = System.getProperty(ROOT_PROPERTY);
    return Path.of(root == null || root.isBlank() ? "." : root).toAbsolutePath().normalize();
  }

  /** The default KdConv data directory, when it exists. */
  public static Optional<Path> defaultKdConv() {
    Path dir = root().resolve("../shared/data/kdconv").normalize();
    return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
  }
}
