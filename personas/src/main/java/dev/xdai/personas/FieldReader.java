package dev.xdai.personas;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the fields of one mapping, checking type, presence and limits, and reporting each problem with its dotted
 * path ({@code examples[1].lines[0].speaker}) and position. Every field read is remembered, so {@link #finish()} can
 * report the ones nobody asked for as unknown.
 */
final class FieldReader {

  private final Node.Mapping node;
  private final String path;
  private final Problems problems;
  private final Set<String> known = new LinkedHashSet<>();

  private FieldReader(Node.Mapping node, String path, Problems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  /** A reader over {@code node}, or null (after reporting) when it is not a mapping. */
  static FieldReader of(Node node, String path, Problems problems) {
    if (node instanceof Node.Mapping m) return new FieldReader(m, path, problems);
    problems.add(node, path, "must be a mapping, found " + node.kind());
    return null;
  }

  String path(String key) { return path.isEmpty() ? key : path + "." + key; }

  static String indexed(String listPath, int index) { return listPath + "[" + index + "]"; }

  Problems problems() { return problems; }

  /** The value at {@code key}, or null when absent or written as null; reports a missing required field. */
  Node value(String key, boolean required) {
    known.add(key);
    Node.Entry entry = node.entries().get(key);
    Node value = entry == null ? null : entry.value();
    if (value instanceof Node.Scalar s && s.value() == null) value = null;
    if (value == null && required) problems.add(node, path(key), "required field is missing");
    return value;
  }

  /** A text field, stripped; null when absent. Reports wrong types, blank required text and text over the limit. */
  String text(String key, boolean required, int maxLength) {
    Node value = value(key, required);
    return value == null ? null : text(value, path(key), required, maxLength);
  }

  /** Checks one text node (a field or a list item) against the same rules as {@link #text(String, boolean, int)}. */
  String text(Node value, String field, boolean required, int maxLength) {
    if (!(value instanceof Node.Scalar s) || !(s.value() instanceof String raw)) {
      problems.add(value, field, "must be text, found " + value.kind());
      return null;
    }
    String text = raw.strip();
    if (text.isEmpty() && required) {
      problems.add(value, field, "must not be blank");
      return null;
    }
    int length = text.codePointCount(0, text.length());
    if (length > maxLength) {
      problems.add(value, field, "is " + length + " characters long; the limit is " + maxLength);
      return null;
    }
    return text;
  }

  /** An integer field within [min, max]; null when absent or invalid. */
  Integer integer(String key, int min, int max) {
    Node value = value(key, false);
    if (value == null) return null;
    if (!(value instanceof Node.Scalar s) || !(s.value() instanceof Number n) || s.value() instanceof Double) {
      problems.add(value, path(key), "must be a whole number, found " + value.kind());
      return null;
    }
    long v = n.longValue();
    if (v < min || v > max || !n.toString().equals(Long.toString(v))) {
      problems.add(value, path(key), "must be between " + min + " and " + max + ", found " + n);
      return null;
    }
    return (int) v;
  }

  /** A number field in the range (or [) min, max]; null when absent or invalid. */
  Double number(String key, double min, boolean minInclusive, double max) {
    Node value = value(key, false);
    if (value == null) return null;
    if (!(value instanceof Node.Scalar s) || !(s.value() instanceof Number n)) {
      problems.add(value, path(key), "must be a number, found " + value.kind());
      return null;
    }
    double v = n.doubleValue();
    boolean aboveMin = minInclusive ? v >= min : v > min;
    if (!aboveMin || v > max || Double.isNaN(v)) {
      problems.add(value, path(key), "must be " + (minInclusive ? "at least " : "greater than ") + min
          + " and at most " + max + ", found " + n);
      return null;
    }
    return v;
  }

  /** A list field with a bounded number of items, each turned into a value by {@code item}; items that fail are left out. */
  <T> List<T> list(String key, boolean required, int minItems, int maxItems, ItemReader<T> item) {
    Node value = value(key, required);
    if (value == null) return required ? null : List.of();
    if (!(value instanceof Node.Sequence seq)) {
      problems.add(value, path(key), "must be a list, found " + value.kind());
      return null;
    }
    if (seq.items().size() < minItems) {
      problems.add(value, path(key), "needs at least " + minItems + (minItems == 1 ? " item" : " items"));
    }
    if (seq.items().size() > maxItems) {
      problems.add(value, path(key), "has " + seq.items().size() + " items; the limit is " + maxItems);
      return null;
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) {
      T read = item.read(seq.items().get(i), indexed(path(key), i), i);
      if (read != null) out.add(read);
    }
    return out;
  }

  /** A nested mapping read by {@code reader}; null when absent or not a mapping. */
  <T> T mapping(String key, Function<FieldReader, T> reader) {
    Node value = value(key, false);
    if (value == null) return null;
    FieldReader nested = of(value, path(key), problems);
    if (nested == null) return null;
    T result = reader.apply(nested);
    nested.finish();
    return result;
  }

  /** Reports every field of this mapping that no read asked for, naming the fields that are allowed. */
  void finish() {
    for (String key : unread()) {
      Node.Entry e = node.entries().get(key);
      problems.add(e.line(), e.column(), path(key), "unknown field (allowed here: " + String.join(", ", known) + ")");
    }
  }

  /** The fields of this mapping that no read asked for, in file order. */
  List<String> unread() {
    return node.entries().keySet().stream().filter(key -> !known.contains(key)).toList();
  }

  /** Reads one list item at {@code field}; returns null after reporting when the item is invalid. */
  @FunctionalInterface
  interface ItemReader<T> {
    T read(Node item, String field, int index);
  }
}
