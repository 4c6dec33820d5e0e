package dev.xdai.personas;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The two file formats a persona or emotion may be written in; both describe the same schema. */
public enum Format {
  YAML, JSON;

  /** The file extensions content files may have; any other file in a content folder is ignored. */
  public static final List<String> EXTENSIONS = List.of(".yaml", ".yml", ".json");

  /** The format a file name's extension says, if it is one of {@link #EXTENSIONS}. */
  public static Optional<Format> ofFileName(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().filter(name::endsWith).findFirst().map(ext -> ext.equals(".json") ? JSON : YAML);
  }

  /** The file name without its format extension: the id a persona or emotion file must carry. */
  public static String stem(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? fileName : fileName.substring(0, dot);
  }
}
