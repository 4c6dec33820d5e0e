package dev.xdai.evaluation.cli;

import picocli.CommandLine.Option;

/** {@code -h}/{@code --help} for a command ({@code @Mixin}): picocli prints the usage it generates and exits 0. */
public final class HelpOption {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;
}
