package dev.xdai.knowledge.ingest;

import java.io.IOException;
import java.io.InputStream;

/** Parses one input format as a stream and hands each record to a {@link PackWriter}; never holds the whole input. */
@FunctionalInterface
public interface KnowledgeReader {
  void read(InputStream in, PackWriter out) throws IOException;
}
