package dev.xdai.knowledge.demo;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where shipped pack files are read from: a directory, or the classpath (the app packages them as resources). */
public interface PackContent {

  /** Opens {@code <pack>/<file>}; throws {@link FileNotFoundException} when it does not exist. */
  InputStream open(String path) throws IOException;

  /** For messages: where this content lives. */
  String describe();

  static PackContent directory(Path root) {
    return new PackContent() {
      @Override
      public InputStream open(String path) throws IOException {
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root.normalize())) throw new FileNotFoundException("outside the pack root: " + path);
        if (!Files.isRegularFile(file)) throw new FileNotFoundException(file.toString());
        return Files.newInputStream(file);
      }

      @Override
      public String describe() {
        return root.toString();
      }
    };
  }

  static PackContent classpath(String prefix, ClassLoader loader) {
    return new PackContent() {
      @Override
      public InputStream open(String path) throws IOException {
        InputStream in = loader.getResourceAsStream(prefix + path);
        if (in == null) throw new FileNotFoundException("classpath:" + prefix + path);
        return in;
      }

      @Override
      public String describe() {
        return "classpath:" + prefix;
      }
    };
  }
}
