package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.kdconv.Triple;
import java.io.IOException;
import java.util.Iterator;

/**
 * The port {@code bench import} measures: the knowledge module's import path (graph and indexes) for triples, into a
 * fresh pack whose earlier contents are replaced.
 */
@FunctionalInterface
public interface TripleImporter {

  /** Imports {@code count} triples read from {@code triples}; returns how many knowledge items the pack then holds. */
  long importTriples(String pack, Iterator<Triple> triples, long count) throws IOException;
}
