package dev.xdai.evaluation.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --data FILE_OR_DIR...} and {@code --seed} for the benchmarks that send KdConv text ({@code @Mixin}). */
final class KdConvData {
  @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "the text's shuffle seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--data", arity = "1..*", paramLabel = "FILE_OR_DIR",
      description = "KdConv JSON files or directories (default ../shared/data/kdconv next to the project, else synthetic text)")
  List<Path> paths = new ArrayList<>();
}
