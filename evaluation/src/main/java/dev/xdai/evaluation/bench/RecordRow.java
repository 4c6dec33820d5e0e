package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.JsonLine;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a module benchmark's result record (DecodeBenchmark.Result, RetrievalBenchmark.Result, …) into a report row:
 * one cell per component, named in snake case ({@code p50Ms} becomes {@code p50_ms}), decimals rounded to three
 * places. The harness formats what the modules measure instead of measuring it again.
 */
final class RecordRow {

  private RecordRow() {}

  static Map<String, Object> of(Record result) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (RecordComponent c : result.getClass().getRecordComponents()) {
      Object value;
      try {
        value = c.getAccessor().invoke(result);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + c.getName() + " of " + result, e);
      }
      if (value instanceof Double d) value = JsonLine.round(d, 3);
      else if (value instanceof Float f) value = JsonLine.round((double) f, 3);
      else if (!(value instanceof Number || value instanceof Boolean)) value = String.valueOf(value);
      row.put(snake(c.getName()), value);
    }
    return row;
  }

  /** {@code tokensPerSecond} to {@code tokens_per_second}; a unit like {@code MiB} stays one word. */
  static String snake(String camel) {
    String s = camel.replace("MiB", "Mib").replace("MB", "Mb");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (Character.isUpperCase(ch) && i > 0 && !Character.isUpperCase(s.charAt(i - 1))) out.append('_');
      out.append(Character.toLowerCase(ch));
    }
    return out.toString();
  }
}
