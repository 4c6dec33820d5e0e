package dev.xdai.personas;

import java.util.List;
import java.util.Map;

/**
 * A parsed YAML or JSON document that remembers where every value stood, so validation messages can name the line
 * and column. Jackson's own trees drop positions, hence this small tree of our own.
 */
sealed interface Node {

  int line();

  int column();

  /** What the node is, in the words an error message uses ("a mapping", "a list", "text", …). */
  String kind();

  /** A mapping; entries keep file order. */
  record Mapping(int line, int column, Map<String, Entry> entries) implements Node {
    public Mapping {
      entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
    }

    @Override public String kind() { return "a mapping"; }
  }

  /** A mapping entry: the key's own position (for "unknown field" errors) and its value. */
  record Entry(int line, int column, Node value) {}

  record Sequence(int line, int column, List<Node> items) implements Node {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override public String kind() { return "a list"; }
  }

  /** A scalar; {@code value} is a String, Boolean, Long, Double (or BigInteger/BigDecimal), or null for null. */
  record Scalar(int line, int column, Object value) implements Node {
    @Override public String kind() {
      return switch (value) {
        case null -> "null";
        case String s -> "text";
        case Boolean b -> "a boolean";
        default -> "a number";
      };
    }
  }
}
