package dev.xdai.personas;

import java.util.Locale;

/**
 * How a persona answers a question its knowledge covers: {@code QUOTE} says the knowledge's answer (a front desk: the
 * exact price, the exact hours) and says it does not know when nothing answers confidently; {@code FREE} lets the model
 * word every reply; {@code AUTO} quotes a confident answer and otherwise lets the model speak.
 */
public enum Answering {
  QUOTE, FREE, AUTO;

  /** The name a persona file uses. */
  public String fileName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The value a persona file names, or null when it names none of them. */
  public static Answering fromFileName(String name) {
    for (Answering a : values()) if (a.fileName().equals(name)) return a;
    return null;
  }
}
