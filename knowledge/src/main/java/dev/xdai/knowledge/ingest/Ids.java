package dev.xdai.knowledge.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable ids of knowledge nodes: {@code <pack>:<kind>:<16 hex of SHA-1 of the identifying parts>}. The same content in
 * the same pack always gets the same id, which is what makes re-imports replace instead of duplicate; the ids also go
 * into the retrieval index so that a reply can name the knowledge that grounded it.
 */
public final class Ids {
  private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  private Ids() {}

  public static String of(String pack, String kind, String... parts) {
    MessageDigest digest = SHA1.get();
    digest.reset();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) digest.update((byte) 0x1f); // unit separator: ("ab","c") and ("a","bc") differ
      digest.update(parts[i].getBytes(StandardCharsets.UTF_8));
    }
    return pack + ":" + kind + ":" + HexFormat.of().formatHex(digest.digest(), 0, 8);
  }

  public static String entity(String pack, String fullName) {
    return of(pack, "e", fullName);
  }

  public static String alias(String pack, String name) {
    return of(pack, "a", name);
  }

  public static String source(String pack, String sourceName) {
    return of(pack, "s", sourceName);
  }

  /**
   * The prefix shared by all ids of one kind in one pack ({@code <pack>:<kind>:}). {@code n.id STARTS WITH $prefix} is a
   * range seek on the id constraint's index, so per-pack queries need no extra index on {@code pack}.
   */
  public static String prefix(String pack, String kind) {
    return pack + ":" + kind + ":";
  }
}
