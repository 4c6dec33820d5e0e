package dev.xdai.evaluation.bench;

import dev.xdai.prompting.KnowledgeItem;
import java.io.IOException;
import java.util.Iterator;

/**
 * The port {@code bench retrieval} measures: builds a fresh, empty index of the real retrieval stack from the given
 * items (all in one pack), so that queries can be timed against knowledge of a given size.
 */
@FunctionalInterface
public interface RetrievalIndexFactory {

  /** Indexes {@code count} items read from {@code items}; the caller closes the result. */
  IndexUnderTest build(String pack, Iterator<KnowledgeItem> items, long count) throws IOException;

  /** A built index: a knowledge source that owns its files and memory until closed. */
  interface IndexUnderTest extends dev.xdai.retrieval.KnowledgeSource, AutoCloseable {
    @Override
    void close() throws IOException;
  }
}
