package dev.xdai.evaluation.eval;

import dev.xdai.evaluation.cli.ProjectPaths;
import dev.xdai.evaluation.cli.UsageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where an evaluation's samples come from and how they are drawn ({@code @Mixin} of {@code eval kdconv} and {@code eval rerank}). */
final class KdConvSamples {

  @Option(names = "--data", arity = "1..*", paramLabel = "FILE_OR_DIR",
      description = "KdConv JSON files or directories (default ../shared/data/kdconv next to the project)")
  List<Path> data = new ArrayList<>();

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "the shuffle seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--bot", paramLabel = "ID", description = "the persona to answer as (default: the service's default bot)")
  String bot;

  /** The files given, else the KdConv data next to the project. */
  List<Path> files() {
    if (!data.isEmpty()) return List.copyOf(data);
    return List.of(ProjectPaths.defaultKdConv().orElseThrow(() ->
        new UsageException("no --data given and no ../shared/data/kdconv next to the project")));
  }
}
