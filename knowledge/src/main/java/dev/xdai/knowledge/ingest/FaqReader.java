package dev.xdai.knowledge.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * FAQ records as JSON lines (one object per line; a bad line is skipped with a reason) or as one JSON array of objects
 * (streamed). Fields per {@link FaqFields}.
 */
public final class FaqReader implements KnowledgeReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final FaqFields fields;

  public FaqReader(FaqFields fields) {
    this.fields = fields;
  }

  @Override
  public void read(InputStream raw, PackWriter out) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw);
    if (startsWithArray(in)) {
      readArray(in, out);
      return;
    }
    BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    while ((line = lines.readLine()) != null) {
      if (line.isBlank()) continue;
      out.rowRead();
      JsonNode record;
      try {
        record = MAPPER.readTree(line);
      } catch (IOException e) {
        out.skip("invalid JSON line");
        continue;
      }
      if (!record.isObject()) {
        out.skip("JSON line is not an object");
        continue;
      }
      write(record, out);
    }
  }

  private void readArray(InputStream in, PackWriter out) throws IOException {
    JsonFactory factory = MAPPER.getFactory();
    try (JsonParser parser = factory.createParser(in)) {
      parser.nextToken();
      JsonToken token;
      while ((token = parser.nextToken()) != null && token != JsonToken.END_ARRAY) {
        JsonNode record = MAPPER.readTree(parser);
        out.rowRead();
        if (!record.isObject()) {
          out.skip("array element is not an object");
          continue;
        }
        write(record, out);
      }
    }
  }

  private void write(JsonNode record, PackWriter out) {
    String topic = first(record, fields.topic());
    out.qa(first(record, fields.question()), first(record, fields.answer()), topic);
  }

  private static String first(JsonNode record, List<String> names) {
    for (String name : names) {
      JsonNode value = record.get(name);
      if (value != null && value.isValueNode() && !value.asText().isBlank()) return value.asText();
    }
    return "";
  }

  private static boolean startsWithArray(BufferedInputStream in) throws IOException {
    in.mark(64);
    int c;
    int skipped = 0;
    do {
      c = in.read();
      skipped++;
    } while (c != -1 && skipped < 64 && (Character.isWhitespace(c) || c == 0xEF || c == 0xBB || c == 0xBF));
    in.reset();
    return c == '[';
  }
}
