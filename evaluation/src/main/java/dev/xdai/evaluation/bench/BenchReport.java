package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.JsonLine;
import dev.xdai.evaluation.cli.TextTable;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a benchmark measured: its options, warm-up and measured iteration counts, rows of figures (one per size or
 * step), and notes. Printed as a table, and with {@code --json} as one JSON object on the last line.
 */
public final class BenchReport {

  private final String bench;
  private final Map<String, Object> options;
  private final int warmup;
  private final int iterations;
  private final List<Map<String, Object>> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Instant started = Instant.now();

  public BenchReport(String bench, Map<String, Object> options, int warmup, int iterations) {
    this.bench = bench;
    this.options = new LinkedHashMap<>(options);
    this.warmup = warmup;
    this.iterations = iterations;
  }

  public BenchReport row(Map<String, Object> row) {
    rows.add(new LinkedHashMap<>(row));
    return this;
  }

  public BenchReport note(String note) {
    notes.add(note);
    return this;
  }

  public List<Map<String, Object>> rows() { return List.copyOf(rows); }

  public List<String> notes() { return List.copyOf(notes); }

  /** Prints the report; with {@code json} the JSON object follows as the last line. */
  public void print(PrintStream out, MachineInfo machine, boolean json, String command) {
    out.println("xdai bench " + bench);
    out.println("  machine     " + machine.describe());
    out.println("  options     " + describe(options));
    out.println("  iterations  " + warmup + " warm-up, " + iterations + " measured");
    out.println();
    Set<String> columns = new LinkedHashSet<>();
    rows.forEach(r -> columns.addAll(r.keySet()));
    TextTable table = new TextTable(List.copyOf(columns));
    for (Map<String, Object> r : rows) {
      List<String> cells = new ArrayList<>();
      for (String c : columns) cells.add(cell(r.get(c)));
      table.row(cells);
    }
    table.print(out, "  ");
    if (!notes.isEmpty()) out.println();
    notes.forEach(n -> out.println("  " + n));
    if (json) out.println(JsonLine.of(json(machine, command)));
  }

  /** The report as the {@code --json} object. */
  public Map<String, Object> json(MachineInfo machine, String command) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", "bench");
    m.put("bench", bench);
    m.put("machine", machine.asMap());
    m.put("options", options);
    m.put("warmup", warmup);
    m.put("iterations", iterations);
    m.put("rows", rows);
    m.put("notes", notes);
    m.put("date", started.truncatedTo(ChronoUnit.SECONDS).toString());
    m.put("command", command);
    return m;
  }

  private static String describe(Map<String, Object> options) {
    List<String> parts = new ArrayList<>();
    options.forEach((k, v) -> parts.add("--" + k + " " + v));
    return String.join(" ", parts);
  }

  private static String cell(Object value) {
    if (value == null) return "n/a";
    if (value instanceof Double d) return TextTable.number(d, Math.abs(d) >= 100 ? 1 : 3);
    return value.toString();
  }
}
