package dev.xdai.evaluation.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Writes the one-line JSON object that {@code --json} prints last. Numbers go through {@link #round} first: JSON has no NaN. */
public final class JsonLine {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLine() {}

  public static String of(Map<String, ?> object) {
    try {
      return JSON.writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code value} rounded to {@code digits} decimals, or null when it is null or not finite. */
  public static Double round(Double value, int digits) {
    if (value == null || !Double.isFinite(value)) return null;
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }
}
