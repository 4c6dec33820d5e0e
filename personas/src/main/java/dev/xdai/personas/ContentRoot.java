package dev.xdai.personas;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A folder holding {@code personas/} and {@code emotions/} subfolders of YAML/JSON files, on disk or on the
 * classpath. The shipped content is one root (the classpath, or {@code src/main/resources} in development); the
 * writable directory is another.
 */
public sealed interface ContentRoot permits ContentRoot.Directory, ContentRoot.Classpath {

  /** The two kinds of files, each in its own subfolder of a root. */
  enum Kind {
    PERSONAS("personas"), EMOTIONS("emotions");

    private final String folder;

    Kind(String folder) { this.folder = folder; }

    public String folder() { return folder; }
  }

  /** A short description for messages and status views. */
  String label();

  /** The files of {@code kind} that have a format extension and are not hidden, sorted by file name. */
  List<ContentFile> list(Kind kind) throws IOException;

  /** Content files read from a disk directory. */
  static ContentRoot directory(Path root) { return new Directory(root); }

  /** Content files read from the classpath below {@code prefix} ("" for the root, or e.g. {@code "content/"}). */
  static ContentRoot classpath(ClassLoader loader, String prefix) { return new Classpath(loader, prefix); }

  /** One file found under a root; its bytes are read on demand so one unreadable file fails alone. */
  record ContentFile(String label, String fileName, Format format, Content content) {

    /** Never read more than this: a document at the character limit fits even at 4 UTF-8 bytes a character. */
    static final int READ_CAP = 4 * PersonaSchema.MAX_DOCUMENT_CHARS;

    /**
     * The file as source text: read, decoded as strict UTF-8 (a leading BOM dropped).
     *
     * @throws PersonaValidationException when it cannot be read, is too large or is not UTF-8
     */
    public SourceText source() {
      byte[] bytes;
      try {
        bytes = content.read();
      } catch (IOException e) {
        throw fileError("cannot read: " + e.getMessage());
      }
      if (bytes.length > READ_CAP) throw fileError("too large; the limit is " + PersonaSchema.MAX_DOCUMENT_CHARS + " characters");
      String text;
      try {
        text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        throw fileError("not valid UTF-8 text");
      }
      if (text.startsWith("\uFEFF")) text = text.substring(1);
      return new SourceText(label, text, format, fileName);
    }

    private PersonaValidationException fileError(String message) {
      return new PersonaValidationException(List.of(new ValidationError(label, 0, 0, "", message)));
    }
  }

  /** Reads a file's bytes. */
  @FunctionalInterface
  interface Content {
    byte[] read() throws IOException;
  }

  /** A root on disk; missing subfolders simply hold no files. */
  record Directory(Path root) implements ContentRoot {
    public Directory {
      Objects.requireNonNull(root, "root");
    }

    @Override public String label() { return root.toString(); }

    public Path folder(Kind kind) { return root.resolve(kind.folder()); }

    @Override public List<ContentFile> list(Kind kind) throws IOException {
      return listDirectory(folder(kind), path -> path.toString());
    }
  }

  /**
   * A root on the classpath: every classpath entry (directory or jar) that holds the subfolder contributes files; for
   * a file name found in several entries the first on the classpath wins, as for any resource.
   */
  record Classpath(ClassLoader loader, String prefix) implements ContentRoot {
    public Classpath {
      Objects.requireNonNull(loader, "loader");
      prefix = prefix == null ? "" : prefix;
    }

    @Override public String label() { return "classpath:" + prefix; }

    @Override public List<ContentFile> list(Kind kind) throws IOException {
      String folder = prefix + kind.folder();
      Map<String, ContentFile> found = new LinkedHashMap<>();
      Enumeration<URL> urls = loader.getResources(folder);
      while (urls.hasMoreElements()) {
        for (ContentFile f : listEntry(urls.nextElement(), folder)) found.putIfAbsent(f.fileName(), f);
      }
      return found.values().stream().sorted(Comparator.comparing(ContentFile::fileName)).toList();
    }

    private static List<ContentFile> listEntry(URL url, String folder) throws IOException {
      List<ContentFile> out = new ArrayList<>();
      switch (url.getProtocol()) {
        case "file" -> {
          Path dir;
          try {
            dir = Path.of(url.toURI());
          } catch (URISyntaxException e) {
            throw new IOException("bad classpath URL " + url, e);
          }
          out.addAll(listDirectory(dir, path -> "classpath:" + folder + "/" + path.getFileName()));
        }
        case "jar" -> {
          JarURLConnection connection = (JarURLConnection) url.openConnection();
          connection.setUseCaches(false); // a cached JarFile would keep serving a replaced jar's old entries
          try (JarFile jar = connection.getJarFile()) {
            String entryPrefix = folder + "/";
            for (JarEntry entry : java.util.Collections.list(jar.entries())) {
              String name = entry.getName();
              if (entry.isDirectory() || !name.startsWith(entryPrefix) || name.indexOf('/', entryPrefix.length()) >= 0) continue;
              byte[] bytes;
              try (InputStream in = jar.getInputStream(entry)) {
                bytes = in.readNBytes(ContentFile.READ_CAP + 1);
              }
              ContentFile f = file("classpath:" + name, name.substring(entryPrefix.length()), () -> bytes);
              if (f != null) out.add(f);
            }
          }
        }
        default -> { } // other URL schemes (e.g. native images' resource:) are not listable; use a Directory root
      }
      return out;
    }
  }

  private static List<ContentFile> listDirectory(Path dir, Function<Path, String> label) throws IOException {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile)
          .map(path -> file(label.apply(path), path.getFileName().toString(), () -> {
            try (InputStream in = Files.newInputStream(path)) {
              return in.readNBytes(ContentFile.READ_CAP + 1);
            }
          }))
          .filter(Objects::nonNull)
          .sorted(Comparator.comparing(ContentFile::fileName))
          .toList();
    }
  }

  /** A content file for {@code fileName}, or null when it is hidden or has no format extension (README, backups). */
  private static ContentFile file(String label, String fileName, Content content) {
    if (fileName.startsWith(".")) return null;
    return Format.ofFileName(fileName).map(format -> new ContentFile(label, fileName, format, content)).orElse(null);
  }
}
