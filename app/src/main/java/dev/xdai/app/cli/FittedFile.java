package dev.xdai.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a fitted file ({@code eval calibrate}, {@code eval rerank --fit}) goes: the path given, else standard output. */
final class FittedFile {

  /** Writes a fitted file's text. */
  @FunctionalInterface
  interface Body {
    void writeTo(Writer w) throws IOException;
  }

  private FittedFile() {}

  /** Writes {@code body} to {@code path} and says so on {@code out}; with no path, prints it on {@code out}. */
  static void write(Path path, PrintStream out, Body body) throws IOException {
    if (path == null) {
      Writer w = new PrintWriter(out, true, StandardCharsets.UTF_8);
      body.writeTo(w);
      w.flush();
      return;
    }
    try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      body.writeTo(w);
    }
    out.println("written to " + path);
  }
}
