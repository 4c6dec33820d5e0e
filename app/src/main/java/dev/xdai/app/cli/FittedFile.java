package dev.xdai.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The files of a fit ({@code eval calibrate}, {@code eval rerank --fit}): the {@code eval --dump} files it reads, and
 * where the fitted file goes (the path given, else standard output).
 */
final class FittedFile {

  /** One sample of a dump, with where it is ({@code <file> line <n>}) for error messages. */
  @FunctionalInterface
  interface Sample {
    void accept(JsonNode sample, String where);
  }

  /** Reads every sample of the dumps in order: one JSON object per non-blank line. */
  static void readDumps(List<Path> dumps, Sample each) throws IOException {
    ObjectMapper json = new ObjectMapper(); // made here, not statically: xdai --help builds the commands and must stay fast
    for (Path dump : dumps) {
      try (BufferedReader r = Files.newBufferedReader(dump, StandardCharsets.UTF_8)) {
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
          n++;
          if (!line.isBlank()) each.accept(json.readTree(line), dump + " line " + n);
        }
      }
    }
  }

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
