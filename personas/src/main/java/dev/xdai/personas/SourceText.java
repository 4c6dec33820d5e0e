package dev.xdai.personas;

import java.util.Objects;

/**
 * Text to read as a persona or emotion: a label for messages (a path, {@code classpath:personas/x.yaml},
 * {@code request}), the text, its format, and the file name if it came from a file (its stem must equal the id).
 */
public record SourceText(String label, String text, Format format, String fileName) {

  public SourceText {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(format, "format");
  }

  /** Text that did not come from a file (an API request, an import): no file-name rule applies. */
  public static SourceText of(String label, String text, Format format) {
    return new SourceText(label, text, format, null);
  }
}
