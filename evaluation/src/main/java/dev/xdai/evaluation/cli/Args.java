package dev.xdai.evaluation.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed command line of {@code --name value}, {@code --name=value}, {@code --flag} and positional words. Options must
 * be declared: an unknown option, a missing value or a repeated single-valued option is a {@link UsageException}. A
 * multi-valued option takes every following word up to the next option.
 */
public final class Args {

  private final Map<String, List<String>> values;
  private final List<String> positionals;
  private final Map<String, String> defaults;

  private Args(Map<String, List<String>> values, List<String> positionals, Map<String, String> defaults) {
    this.values = values;
    this.positionals = positionals;
    this.defaults = defaults;
  }

  /** These arguments with defaults for single-valued options, used by the accessors that take no fallback. */
  public Args withDefaults(Map<String, String> newDefaults) {
    return new Args(values, positionals, new LinkedHashMap<>(newDefaults));
  }

  /** Each option that has a default, with the value in force (given or default), in the defaults' order. */
  public Map<String, Object> resolved() {
    Map<String, Object> out = new LinkedHashMap<>();
    defaults.keySet().forEach(k -> out.put(k, value(k)));
    return out;
  }

  /** The value of {@code name}, or its default. */
  public String value(String name) {
    if (!defaults.containsKey(name)) throw new IllegalArgumentException("no default for --" + name);
    String v = value(name, defaults.get(name));
    return v == null || v.isEmpty() ? null : v;
  }

  public int positiveInt(String name) { return positiveInt(name, Integer.parseInt(defaults.get(name))); }

  public long longValue(String name) { return longValue(name, Long.parseLong(defaults.get(name))); }

  public List<Integer> positiveInts(String name) { return positiveInts(name, defaults.get(name)); }

  /**
   * Parses {@code argv}.
   *
   * @param single options that take one value
   * @param multi options that take one or more values
   * @param flags options that take none
   */
  public static Args parse(List<String> argv, Set<String> single, Set<String> multi, Set<String> flags) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    List<String> positionals = new ArrayList<>();
    for (int i = 0; i < argv.size(); i++) {
      String word = argv.get(i);
      if (!word.startsWith("--")) {
        positionals.add(word);
        continue;
      }
      String name = word.substring(2);
      String inline = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        inline = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (flags.contains(name)) {
        if (inline != null) throw new UsageException("--" + name + " takes no value");
        values.put(name, List.of());
      } else if (single.contains(name)) {
        if (values.containsKey(name)) throw new UsageException("--" + name + " given twice");
        String value = inline;
        if (value == null) {
          if (i + 1 >= argv.size() || argv.get(i + 1).startsWith("--")) throw new UsageException("--" + name + " needs a value");
          value = argv.get(++i);
        }
        values.put(name, List.of(value));
      } else if (multi.contains(name)) {
        List<String> list = values.computeIfAbsent(name, k -> new ArrayList<>());
        if (inline != null) list.add(inline);
        while (i + 1 < argv.size() && !argv.get(i + 1).startsWith("--")) list.add(argv.get(++i));
        if (list.isEmpty()) throw new UsageException("--" + name + " needs at least one value");
      } else {
        throw new UsageException("unknown option --" + name);
      }
    }
    return new Args(values, List.copyOf(positionals), Map.of());
  }

  public List<String> positionals() { return positionals; }

  public boolean has(String name) { return values.containsKey(name); }

  public String value(String name, String fallback) {
    List<String> v = values.get(name);
    return v == null || v.isEmpty() ? fallback : v.get(0);
  }

  public List<String> values(String name) { return values.getOrDefault(name, List.of()); }

  /** A whole number of at least 1. */
  public int positiveInt(String name, int fallback) {
    String text = value(name, null);
    if (text == null) return fallback;
    int n;
    try {
      n = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a whole number, got '" + text + "'");
    }
    if (n <= 0) throw new UsageException("--" + name + " must be at least 1, got " + n);
    return n;
  }

  /** A whole number (any sign). */
  public long longValue(String name, long fallback) {
    String text = value(name, null);
    if (text == null) return fallback;
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a whole number, got '" + text + "'");
    }
  }

  /** A comma-separated list of positive whole numbers, e.g. {@code 1000,10000}. */
  public List<Integer> positiveInts(String name, String fallback) {
    List<Integer> out = new ArrayList<>();
    for (String part : value(name, fallback).split(",")) {
      try {
        int n = Integer.parseInt(part.strip().replace("_", ""));
        if (n <= 0) throw new UsageException("--" + name + " values must be at least 1, got " + n);
        out.add(n);
      } catch (NumberFormatException e) {
        throw new UsageException("--" + name + " must be whole numbers separated by commas, got '" + part + "'");
      }
    }
    return out;
  }
}
