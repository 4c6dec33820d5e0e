package dev.xdai.knowledge.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Triples as CSV: {@code entity,attribute,value[,question]}. A first record naming the columns ({@code entity} or
 * {@code 实体}), after any comments, is a header; records starting with {@code #} are comments; an optional fourth column overrides the
 * templated question (useful for domain phrasing such as {@code 挂号要带什么？}).
 */
public final class TriplesCsvReader implements KnowledgeReader {
  private static final Set<String> HEADER_FIRST = Set.of("entity", "subject", "实体", "主体");

  @Override
  public void read(InputStream in, PackWriter out) throws IOException {
    CsvRecords records = new CsvRecords(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    boolean first = true;
    List<String> record;
    while ((record = records.next()) != null) {
      if (record.size() == 1 && record.get(0).isBlank()) continue;
      if (record.get(0).startsWith("#")) continue;
      if (first) { // the header is the first record that is not a comment: comments usually come above it
        first = false;
        if (HEADER_FIRST.contains(record.get(0).strip().toLowerCase(java.util.Locale.ROOT))) continue;
      }
      out.rowRead();
      if (record.size() < 3) {
        out.skip("CSV record with fewer than 3 columns");
        continue;
      }
      out.triple(record.get(0), record.get(1), record.get(2), record.size() > 3 ? record.get(3) : null);
    }
  }
}
