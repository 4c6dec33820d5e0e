package dev.xdai.evaluation.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain text table with left-aligned columns, for readable command output. */
public final class TextTable {

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public TextTable(List<String> header) {
    this.header = List.copyOf(header);
  }

  public TextTable row(List<String> cells) {
    rows.add(List.copyOf(cells));
    return this;
  }

  public void print(PrintStream out, String indent) {
    int[] width = new int[header.size()];
    for (int c = 0; c < width.length; c++) {
      width[c] = header.get(c).length();
      for (List<String> r : rows) width[c] = Math.max(width[c], c < r.size() ? r.get(c).length() : 0);
    }
    out.println(indent + line(header, width));
    StringBuilder rule = new StringBuilder();
    for (int w : width) rule.append("-".repeat(w)).append("  ");
    out.println(indent + rule.toString().stripTrailing());
    for (List<String> r : rows) out.println(indent + line(r, width));
  }

  private static String line(List<String> cells, int[] width) {
    StringBuilder s = new StringBuilder();
    for (int c = 0; c < width.length; c++) {
      String cell = c < cells.size() ? cells.get(c) : "";
      s.append(cell).append(" ".repeat(width[c] - cell.length() + 2));
    }
    return s.toString().stripTrailing();
  }

  /** A number for display: fixed decimals, or {@code n/a} when absent. */
  public static String number(Double value, int decimals) {
    return value == null || !Double.isFinite(value) ? "n/a" : String.format(java.util.Locale.ROOT, "%." + decimals + "f", value);
  }
}
