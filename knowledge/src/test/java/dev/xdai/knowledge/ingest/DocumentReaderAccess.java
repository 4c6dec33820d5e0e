package dev.xdai.knowledge.ingest;

import java.util.List;

/** Test access to package-private helpers. */
public final class DocumentReaderAccess {
  private DocumentReaderAccess() {}

  public static List<String> passages(String text, int max) {
    return DocumentReader.passages(text, max);
  }
}
