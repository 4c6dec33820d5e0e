package dev.xdai.app.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.xdai.dialogue.Access;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The API keys of a service, in one JSON file ({@code <data-dir>/keys.json}): each key's name, role, bots and the
 * SHA-256 of its secret; the secret itself is shown once, at creation, and never stored. The service and the
 * {@code xdai keys} command share the file: writes take a file lock and replace it atomically, and a reader sees a
 * change on its next lookup, so keys made or revoked while the service runs take effect at once.
 *
 * <p>SHA-256 rather than a slow password hash: a secret is 256 random bits, so there is nothing to guess from it.
 */
public final class ApiKeys {

  /** What a key may do: talk to its bots in its own sessions, or administer everything. */
  public enum Role {
    CHAT, ADMIN;

    public String label() { return name().toLowerCase(Locale.ROOT); }

    public static Role parse(String s) {
      for (Role r : values()) if (r.label().equals(s)) return r;
      throw new IllegalArgumentException("unknown role '" + s + "' (chat, admin)");
    }
  }

  /** A stored key: never its secret. {@code bots} empty: every bot. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Key(String name, Role role, List<String> bots, String hash, String hint, Instant createdAt, Instant revokedAt) {
    public Key {
      bots = bots == null ? List.of() : List.copyOf(bots);
    }

    public boolean active() { return revokedAt == null; }

    /** What requests made with this key reach in the dialogue. */
    public Access access() {
      return role == Role.ADMIN ? new Access(name, true, Set.of()) : new Access(name, false, Set.copyOf(bots));
    }
  }

  /** A key just created, with the secret that is shown this once. */
  public record Created(Key key, String secret) {}

  /** The file's contents. */
  record Stored(int version, List<Key> keys) {}

  static final String PREFIX = "xdai-";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
  private static final SecureRandom RANDOM = new SecureRandom();
  /** File locks are held per process: writers in one process queue here first. */
  private static final java.util.concurrent.ConcurrentMap<Path, Object> WRITERS = new java.util.concurrent.ConcurrentHashMap<>();

  private final Path file;
  private volatile Snapshot snapshot = new Snapshot(null, List.of());

  private record Snapshot(Object version, List<Key> keys) {}

  public ApiKeys(Path file) {
    this.file = file;
  }

  public Path file() { return file; }

  /** Every key, revoked ones too, oldest first. */
  public List<Key> list() {
    return current();
  }

  /** Whether any key is active: then every request must carry one. */
  public boolean anyActive() {
    return current().stream().anyMatch(Key::active);
  }

  /** The active key whose secret this is. */
  public Optional<Key> authenticate(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) return Optional.empty();
    byte[] hash = hash(secret).getBytes(StandardCharsets.US_ASCII);
    Key found = null;
    for (Key k : current()) { // compared in constant time, every key, so timing tells nothing
      if (MessageDigest.isEqual(hash, k.hash().getBytes(StandardCharsets.US_ASCII)) && k.active()) found = k;
    }
    return Optional.ofNullable(found);
  }

  /** Creates a key; its name must be new (revoked names stay taken, so logs stay unambiguous). */
  public Created create(String name, Role role, List<String> bots) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a key name is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Key key = new Key(name, role, role == Role.ADMIN ? List.of() : bots, hash(secret), secret.substring(0, PREFIX.length() + 4) + "…",
        Instant.now(), null);
    update(keys -> {
      if (keys.stream().anyMatch(k -> k.name().equals(name))) throw new IllegalArgumentException("a key named '" + name + "' exists");
      List<Key> more = new ArrayList<>(keys);
      more.add(key);
      return more;
    });
    return new Created(key, secret);
  }

  /** Revokes the named key at once; false when there is no active key of that name. */
  public boolean revoke(String name) {
    boolean[] revoked = {false};
    update(keys -> keys.stream().map(k -> {
      if (!k.name().equals(name) || !k.active()) return k;
      revoked[0] = true;
      return new Key(k.name(), k.role(), k.bots(), k.hash(), k.hint(), k.createdAt(), Instant.now());
    }).toList());
    return revoked[0];
  }

  static String hash(String secret) {
    return DigestUtils.sha256Hex(secret); // of the UTF-8 bytes, lower-case hex
  }

  /** The keys as the file holds them now, read again only when the file changed. */
  private List<Key> current() {
    Object version = version();
    Snapshot s = snapshot;
    if (java.util.Objects.equals(s.version(), version)) return s.keys();
    List<Key> keys = read();
    snapshot = new Snapshot(version, keys);
    return keys;
  }

  private Object version() {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return List.of(a.lastModifiedTime(), a.size(), String.valueOf(a.fileKey()));
    } catch (IOException e) {
      return "absent";
    }
  }

  private List<Key> read() {
    if (!Files.exists(file)) return List.of();
    try {
      Stored s = JSON.readValue(file.toFile(), Stored.class);
      return s.keys() == null ? List.of() : List.copyOf(s.keys());
    } catch (IOException e) {
      // refusing everyone is safer than serving without the keys an operator made
      throw new IllegalStateException("cannot read the API keys in " + file + ": " + e.getMessage(), e);
    }
  }

  private void update(UnaryOperator<List<Key>> change) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path lockFile = file.toAbsolutePath().normalize().resolveSibling(file.getFileName() + ".lock");
      synchronized (WRITERS.computeIfAbsent(lockFile, k -> new Object())) {
        write(lockFile, change);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the API keys in " + file, e);
    }
  }

  private void write(Path lockFile, UnaryOperator<List<Key>> change) throws IOException {
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      List<Key> next = change.apply(read());
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's permissions guard it
      }
      JSON.writeValue(tmp.toFile(), new Stored(1, next));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      snapshot = new Snapshot(version(), next);
    }
  }
}
