package dev.xdai.dialogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A {@link SessionStore} that makes each turn durable in a local journal (one JSON line, forced to disk) and applies it
 * to the store behind it on a background thread, in order. A turn then costs one local disk write instead of a database
 * round trip; a crash before a turn reaches the store loses nothing, because opening the journal again applies what it
 * holds (turns already stored are recognised and skipped). Reads, creates and deletes first wait until the turns
 * journaled before them are applied, so they see every acknowledged turn.
 *
 * <p>Write-behind is for a process that owns its sessions: no other instance writes them (the service uses it only
 * with a graph server of its own; see {@code docs/replication.md}). What this process can know is checked before a turn
 * is acknowledged: a turn out of order with the session's journaled turns is a {@code CONFLICT} that writes nothing. A
 * turn the store still refuses when it is applied (possible only if another writer broke that rule) is logged and
 * dropped. Thread-safe.
 */
public final class JournaledSessionStore implements SessionStore {

  private static final System.Logger LOG = System.getLogger(JournaledSessionStore.class.getName());
  /** How long a read waits for earlier turns to be applied while the store is unreachable, before it reads anyway. */
  static final Duration READ_WAIT = Duration.ofSeconds(30);

  /** One journal line; its grounding is stored as {@link StoredGrounding} writes it. */
  record Line(String session, int index, String user, String reply, long at, com.fasterxml.jackson.databind.JsonNode grounding) {
    static Line of(String session, TurnRecord t) {
      return new Line(session, t.index(), t.user(), t.reply(), t.at().toEpochMilli(),
          t.grounding() == null ? null : StoredGrounding.tree(t.grounding()));
    }

    TurnRecord turn() {
      return new TurnRecord(index, user, reply, StoredGrounding.read(grounding), Instant.ofEpochMilli(at));
    }

    boolean holds(TurnRecord t) {
      return AppendCheck.sameTurn(turn(), t);
    }
  }

  private final SessionStore store;
  private final ObjectMapper json;
  private final FileChannel channel;
  private final FileLock fileLock;
  /** Guards everything below; signalled when a line is applied. */
  private final Object lock = new Object();
  private final Deque<Line> pending = new ArrayDeque<>();
  private long journaled;
  private long applied;
  private boolean closing;
  private final Thread applier;
  /** The applier's tries of one line: again while the store is unreachable, unless closing. */
  private final Retry untilStored = Retry.of("session-journal", RetryConfig.custom()
      .maxAttempts(Integer.MAX_VALUE)
      .intervalFunction(IntervalFunction.ofExponentialBackoff(50, 2, 2_000))
      .retryOnException(e -> !closing())
      .build());

  private JournaledSessionStore(SessionStore store, ObjectMapper json, FileChannel channel, FileLock fileLock, List<Line> replay) {
    this.store = store;
    this.json = json;
    this.channel = channel;
    this.fileLock = fileLock;
    pending.addAll(replay);
    journaled = replay.size();
    applier = Thread.ofPlatform().daemon().name("xdai-session-journal").start(this::applyLoop);
  }

  /**
   * Opens (or creates) the journal at {@code file} in front of {@code store}; turns left in it by an earlier process
   * are applied first. Empty when another process holds the journal: then the caller writes to the store directly.
   */
  public static Optional<JournaledSessionStore> open(SessionStore store, Path file, ObjectMapper json) {
    try {
      if (file.getParent() != null) Files.createDirectories(file.getParent());
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock fileLock;
      try {
        fileLock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        fileLock = null; // this process holds it already
      }
      if (fileLock == null) {
        channel.close();
        return Optional.empty();
      }
      List<Line> replay = read(file, json);
      channel.position(channel.size());
      if (!replay.isEmpty()) LOG.log(System.Logger.Level.INFO, "applying " + replay.size() + " journaled turns from " + file);
      return Optional.of(new JournaledSessionStore(store, json, channel, fileLock, replay));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the session journal " + file, e);
    }
  }

  /** The journal's complete lines; a torn last line (the process died while writing it, unacknowledged) is skipped. */
  private static List<Line> read(Path file, ObjectMapper json) throws IOException {
    List<Line> lines = new ArrayList<>();
    for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (raw.isBlank()) continue;
      try {
        lines.add(json.readValue(raw, Line.class));
      } catch (JsonProcessingException e) {
        LOG.log(System.Logger.Level.WARNING, "skipping an unreadable session journal line: " + e.getOriginalMessage());
      }
    }
    return lines;
  }

  @Override
  public void append(String sessionId, TurnRecord turn) {
    Line line = Line.of(sessionId, turn);
    byte[] bytes;
    try {
      bytes = (json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the turn", e);
    }
    synchronized (lock) {
      if (closing) throw new IllegalStateException("the session journal is closed");
      if (!followsPending(sessionId, turn)) return; // journaled already: the same turn sent again
      try {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) channel.write(buffer);
        channel.force(false); // acknowledged only once on disk
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the session journal", e);
      }
      pending.addLast(line);
      journaled++;
      lock.notifyAll();
    }
  }

  /**
   * With turns of the session still journaled, the next one must follow the last of them ({@link AppendCheck}); without,
   * the store decides when it is applied. False when this very turn is journaled already. Called with the lock held,
   * before anything is written.
   */
  private boolean followsPending(String sessionId, TurnRecord turn) {
    Line last = null;
    for (java.util.Iterator<Line> it = pending.descendingIterator(); it.hasNext() && last == null; ) {
      Line line = it.next();
      if (line.session().equals(sessionId)) last = line;
    }
    if (last == null) return true;
    Line before = last;
    AppendCheck.Verdict verdict = AppendCheck.verdict(turn.index(), last.index() + 1,
        () -> before.holds(turn));
    if (verdict == AppendCheck.Verdict.ALREADY_STORED) return false;
    if (verdict != AppendCheck.Verdict.APPEND) throw AppendCheck.conflict(sessionId, turn.index(), last.index() + 1, verdict);
    return true;
  }

  @Override
  public void create(Session session) {
    awaitApplied();
    store.create(session);
  }

  @Override
  public Optional<Session> find(String id) {
    awaitApplied();
    return store.find(id);
  }

  @Override
  public Optional<Conversation> conversation(String id) {
    awaitApplied();
    return store.conversation(id);
  }

  @Override
  public java.util.OptionalInt turnCount(String id) {
    awaitApplied();
    return store.turnCount(id);
  }

  @Override
  public List<SessionSummary> list(String owner, int limit) {
    awaitApplied();
    return store.list(owner, limit);
  }

  @Override
  public boolean delete(String id) {
    awaitApplied();
    return store.delete(id);
  }

  /** Turns journaled but not yet in the store. */
  public long backlog() {
    synchronized (lock) {
      return journaled - applied;
    }
  }

  /** Waits (at most {@link #READ_WAIT}) until every turn journaled so far is in the store. */
  private void awaitApplied() {
    long deadline = System.nanoTime() + READ_WAIT.toNanos();
    synchronized (lock) {
      long target = journaled;
      while (applied < target && !closing) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          LOG.log(System.Logger.Level.WARNING, (target - applied) + " journaled turns are not in the store yet; reading without them");
          return;
        }
        waitOn(Math.max(1, left / 1_000_000));
      }
    }
  }

  private void applyLoop() {
    while (true) {
      Line next;
      synchronized (lock) {
        while (pending.isEmpty() && !closing) waitOn(0);
        if (pending.isEmpty()) return;
        next = pending.peekFirst();
      }
      if (!apply(next)) return; // closing while the store is unreachable: the line stays journaled
      synchronized (lock) {
        pending.pollFirst();
        applied++;
        if (applied == journaled) truncate();
        lock.notifyAll();
      }
    }
  }

  /**
   * Stores one line, retrying while the store is unreachable (after 50 ms, doubled per try up to 2 s); false when
   * closing: then an unreachable store is not waited for (it may be shutting down too) and the line stays journaled for
   * the next start.
   */
  private boolean apply(Line line) {
    try {
      untilStored.executeRunnable(() -> {
        try {
          store.append(line.session(), line.turn());
        } catch (DialogueException e) {
          // Refused for good: the session is gone, or another writer broke the one-owner rule. (A turn replayed after a
          // crash that had reached the store before it is accepted by the store's append check.)
          LOG.log(System.Logger.Level.ERROR, "turn " + line.index() + " of session " + line.session() + " was not stored: " + e.getMessage());
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "the session store is unreachable (" + e.getMessage() + "); turns stay journaled");
          throw e;
        }
      });
      return true;
    } catch (RuntimeException e) {
      return false; // closing (or interrupted while waiting to retry)
    }
  }

  private boolean closing() {
    synchronized (lock) {
      return closing;
    }
  }

  /** Called with the lock held once every journaled line is in the store: the journal starts empty again. */
  private void truncate() {
    try {
      channel.truncate(0);
      channel.position(0);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot truncate the session journal: " + e.getMessage());
    }
  }

  private void waitOn(long millis) {
    try {
      lock.wait(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the session journal", e);
    }
  }

  /**
   * Applies what the store takes now (without waiting for an unreachable one), then releases the journal; what is left
   * is applied at the next start. Idempotent.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closing) return;
      closing = true;
      lock.notifyAll();
    }
    try {
      applier.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      fileLock.release();
      channel.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot close the session journal: " + e.getMessage());
    }
    store.close();
  }
}
