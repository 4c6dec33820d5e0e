package dev.xdai.evaluation.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The port that builds {@code retrieved} mode's knowledge base: it replaces the contents of {@code pack} with every
 * distinct triple of the given KdConv files, all domains together, through the project's own import path (the app
 * implements it with the knowledge module's importer).
 */
@FunctionalInterface
public interface KnowledgeLoader {

  /** Imports the files into a fresh {@code pack}; returns how many knowledge items the pack then holds. */
  long load(String pack, List<Path> kdconvFiles) throws IOException;
}
