package dev.xdai.knowledge.ingest;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal streaming CSV parser (RFC 4180): comma separated, fields optionally in double quotes with {@code ""} for a
 * quote and line breaks allowed inside quotes; {@code \n} or {@code \r\n} ends a record. A leading BOM is skipped.
 */
final class CsvRecords {
  private final Reader in;
  private int pushedBack = -2;
  private boolean started;

  CsvRecords(Reader in) {
    this.in = in;
  }

  /** The next record's fields, or null at the end of input. */
  List<String> next() throws IOException {
    int c = read();
    if (!started) {
      started = true;
      if (c == '\uFEFF') c = read();
    }
    if (c == -1) return null;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    while (true) {
      if (quoted) {
        if (c == -1) break;
        if (c == '"') {
          int n = read();
          if (n == '"') {
            field.append('"');
          } else {
            quoted = false;
            c = n;
            continue;
          }
        } else {
          field.append((char) c);
        }
      } else {
        if (c == -1 || c == '\n') break;
        if (c == '\r') {
          int n = read();
          if (n != '\n') pushedBack = n;
          break;
        }
        if (c == ',') {
          fields.add(wasQuoted ? field.toString() : field.toString().strip());
          field.setLength(0);
          wasQuoted = false;
        } else if (c == '"' && field.toString().isBlank()) {
          field.setLength(0);
          quoted = true;
          wasQuoted = true;
        } else {
          field.append((char) c);
        }
      }
      c = read();
    }
    fields.add(wasQuoted ? field.toString() : field.toString().strip());
    return fields;
  }

  private int read() throws IOException {
    if (pushedBack != -2) {
      int c = pushedBack;
      pushedBack = -2;
      return c;
    }
    return in.read();
  }
}
