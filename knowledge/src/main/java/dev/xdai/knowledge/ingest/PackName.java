package dev.xdai.knowledge.ingest;

import java.util.regex.Pattern;

/** Pack names are short lowercase identifiers ({@code clinic}, {@code kdconv-film}): safe in ids, paths and URLs. */
public final class PackName {
  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private PackName() {}

  /** Returns the name if valid, else throws {@link IllegalArgumentException} saying what is allowed. */
  public static String check(String name) {
    if (name == null || !VALID.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid pack name '" + name
          + "': use 1-64 characters a-z 0-9 . _ - starting with a letter or digit");
    }
    return name;
  }
}
