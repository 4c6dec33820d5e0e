package dev.xdai.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A stream a command under test prints to, kept as UTF-8 text for the test to read. */
public final class Captured {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  /** The stream to hand the command. */
  public PrintStream stream() {
    return stream;
  }

  /** Everything printed so far. */
  public String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Forgets what was printed so far. */
  public void reset() {
    bytes.reset();
  }

  /** The last line printed, read as JSON: what a command prints with {@code --json}. */
  public JsonNode lastJsonLine() throws IOException {
    String[] lines = text().strip().split("\n");
    return new ObjectMapper().readTree(lines[lines.length - 1]);
  }
}
