package dev.xdai.dialogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A file of fitted numbers (the answer calibration, the reply ranking): properties under a comment, each a number,
 * shipped on the class path beside the class that reads it. One reader and one writer, so every fitted file is read
 * with the same checks and written in the same form.
 */
public final class WeightsFile {

  /** Parses a file's properties into what they describe. */
  @FunctionalInterface
  public interface Parser<T> {
    T parse(WeightsFile file);
  }

  /** One kind of file: where the shipped one is (beside {@code owner}), what errors call it, how it is parsed. */
  public record Format<T>(Class<?> owner, String resource, String what, Parser<T> parser) {
    /** The file this build ships, parsed. */
    public T shipped() {
      return WeightsFile.shipped(owner, resource, what, parser);
    }

    /** Reads and parses a file of this kind. */
    public T read(Reader reader) throws IOException {
      return parser.parse(WeightsFile.read(reader, what));
    }
  }

  private final Properties properties;
  private final String what;

  private WeightsFile(Properties properties, String what) {
    this.properties = properties;
    this.what = what;
  }

  /** Reads a file; {@code what} names it in errors ("the answer calibration"). */
  public static WeightsFile read(Reader reader, String what) throws IOException {
    Properties p = new Properties();
    p.load(reader);
    return new WeightsFile(p, what);
  }

  /** The file {@code resource} beside {@code owner} on the class path, parsed. */
  public static <T> T shipped(Class<?> owner, String resource, String what, Parser<T> parser) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException(resource + " is missing from the class path");
      return parser.parse(read(new InputStreamReader(in, StandardCharsets.UTF_8), what));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The number under {@code key}; a missing key or a value that is no number is refused, naming the key. */
  public double number(String key) {
    String v = properties.getProperty(key);
    if (v == null) throw new IllegalArgumentException(what + " has no '" + key + "'");
    try {
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + "'s '" + key + "' is not a number: " + v);
    }
  }

  /** The numbers under {@code weight.<name>} for each of {@code names}, in that order. */
  public double[] weights(List<String> names) {
    double[] w = new double[names.size()];
    for (int i = 0; i < w.length; i++) w[i] = number("weight." + names.get(i));
    return w;
  }

  /** Writes {@code values} (key to number, in order) under {@code comment}, as {@link #read} reads them. */
  public static void write(List<String> comment, Map<String, Double> values, Writer out) throws IOException {
    for (String line : comment) out.write("# " + line + "\n");
    for (Map.Entry<String, Double> e : values.entrySet()) {
      out.write(e.getKey() + "=" + String.format(Locale.ROOT, "%.4f", e.getValue()) + "\n");
    }
  }
}
