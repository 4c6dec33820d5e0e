package dev.xdai.dialogue;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.xdai.generation.ModelUnavailableException;
import dev.xdai.personas.Persona;
import dev.xdai.personas.PersonaCatalog;
import dev.xdai.prompting.Exchange;
import dev.xdai.retrieval.Embedder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sessions and turns: checks limits, runs the {@link TurnPipeline} with the session's history, and persists each turn
 * with its grounding (step 8). Turns of one session run one at a time, in order; sessions run in parallel.
 *
 * <p>The conversations this service answered recently are kept in memory, written through on every stored turn, so a
 * turn does not read its history back from the store. Another service instance writing the same session is caught by
 * the store's append check: the turn fails with {@code CONFLICT} and the session is read afresh next time.
 *
 * <p>Every call names its {@link Access}: a session another key created is "not found" to a caller that does not
 * reach it, so its existence is not revealed. What is kept per session in memory (its lock, its embeddings, its
 * conversation) is bounded and expires when the session is left alone, so abandoned sessions cost nothing.
 */
public final class DialogueService implements AutoCloseable {

  /** @param maxTextChars longest accepted utterance; @param maxTurns turns a session may hold */
  public record Limits(int maxTextChars, int maxTurns) {
    public static Limits defaults() { return new Limits(500, 200); }
  }

  private final TurnPipeline pipeline;
  private final SessionStore store;
  private final PersonaCatalog personas;
  private final Embedder embedder;
  private final Limits limits;
  // Weak values: a lock lives while a turn holds or waits for it, so two turns of one session always share one.
  private final Cache<String, ReentrantLock> locks = Caffeine.newBuilder().weakValues().build();
  private final Cache<String, EmbeddingCache> caches =
      Caffeine.newBuilder().maximumSize(CONVERSATIONS_KEPT).expireAfterAccess(IDLE).build();
  /** Recently answered conversations. */
  private final Cache<String, Conversation> conversations =
      Caffeine.newBuilder().maximumSize(CONVERSATIONS_KEPT).expireAfterAccess(IDLE).build();

  static final int CONVERSATIONS_KEPT = 4096;
  /** A session left alone this long is read from the store again when it comes back. */
  static final Duration IDLE = Duration.ofMinutes(30);
  /** Embeds each finished exchange in the background, off the next turn's path; drops work when far behind. */
  private final ThreadPoolExecutor prefetcher = DaemonPool.of("xdai-embedding-prefetch", 1, 256);

  public DialogueService(TurnPipeline pipeline, SessionStore store, PersonaCatalog personas, Embedder embedder, Limits limits) {
    this.pipeline = pipeline;
    this.store = store;
    this.personas = personas;
    this.embedder = embedder;
    this.limits = limits;
  }

  /** A new session of {@code bot} owned by the caller. */
  public Session create(Access access, String bot, String emotion) {
    Persona persona = persona(bot);
    requireBot(access, persona.id());
    if (emotion != null && !emotion.isBlank() && personas.emotion(emotion).isEmpty()) {
      throw new DialogueException(DialogueException.Kind.INVALID, "unknown emotion '" + emotion + "'");
    }
    Session s = new Session(UUID.randomUUID().toString(), persona.id(), emotion, access.owner(), Instant.now(), java.util.List.of());
    store.create(s);
    remember(Conversation.of(s));
    return s;
  }

  @Override
  public void close() {
    prefetcher.shutdownNow();
  }

  /** The session with its turns and groundings, when the caller reaches it. */
  public Optional<Session> find(Access access, String id) {
    return store.find(id).filter(s -> access.reaches(s.owner()));
  }

  /** Forgets the session; false when there was none the caller reaches. */
  public boolean delete(Access access, String id) {
    if (conversation(id).filter(c -> access.reaches(c.owner())).isEmpty()) return false;
    forget(id);
    caches.invalidate(id);
    return store.delete(id);
  }

  /**
   * Answers {@code text} in session {@code sessionId}, streaming pieces to {@code listener}, and stores the turn.
   *
   * @param emotion this turn's emotion, or null/blank for the session's or persona's
   */
  public TurnOutcome turn(Access access, String sessionId, String text, String emotion, Switches switches,
      TurnListener listener) {
    text = UserText.clean("text", text);
    checkTurn(text, emotion);
    ReentrantLock lock = locks.get(sessionId, k -> new ReentrantLock(true));
    lock.lock();
    try {
      long l = System.nanoTime();
      Conversation session = reachable(access, sessionId);
      double loadMs = (System.nanoTime() - l) / 1e6;
      int index = session.exchanges().size();
      if (index >= limits.maxTurns()) {
        throw new DialogueException(DialogueException.Kind.CONFLICT, "session has reached its limit of " + limits.maxTurns() + " turns");
      }
      Persona persona = persona(session.bot());
      requireBot(access, persona.id());
      String turnEmotion = emotion != null && !emotion.isBlank() ? emotion : session.emotion();
      EmbeddingCache cache = caches.get(sessionId, k -> new EmbeddingCache(embedder, 4 * limits.maxTurns() + 64));
      TurnRequest request = new TurnRequest(session.exchanges(), text, persona, turnEmotion, switches, null, null, cache, index);
      TurnResult result;
      try {
        result = pipeline.run(request, listener);
      } catch (ModelUnavailableException e) {
        throw new DialogueException(DialogueException.Kind.UNAVAILABLE, e.getMessage(), e);
      }
      TurnRecord record = new TurnRecord(index, text, result.reply(), result.grounding(), Instant.now());
      long p = System.nanoTime();
      try {
        store.append(sessionId, record);
      } catch (RuntimeException e) {
        forget(sessionId); // whatever the store holds now is read afresh next time
        throw e;
      }
      double persistMs = (System.nanoTime() - p) / 1e6;
      Exchange exchange = new Exchange(index, text, result.reply());
      remember(session.with(exchange));
      prepareNext(exchange, persona, switches, cache);
      return new TurnOutcome(sessionId, record, result, loadMs, persistMs);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Starts the next turn's work on the finished exchange in the background, the vector first (marked in flight at once,
   * so a user who answers quickly waits for it rather than computes it twice); when far behind, the work is skipped.
   */
  private void prepareNext(Exchange exchange, Persona persona, Switches switches, EmbeddingCache cache) {
    cache.prefetch(HistorySelector.exchangeText(exchange), prefetcher);
    try {
      prefetcher.execute(() -> {
        try {
          pipeline.prepare(exchange, persona, switches);
        } catch (RuntimeException e) {
          // only a head start: the next turn does this work itself
        }
      });
    } catch (RejectedExecutionException e) {
      // far behind: the next turn does this work itself
    }
  }

  /** The session's conversation, from memory when this service answered it last. */
  private Optional<Conversation> conversation(String id) {
    Conversation known = conversations.getIfPresent(id);
    if (known != null) return Optional.of(known);
    Optional<Conversation> stored = store.conversation(id);
    stored.ifPresent(this::remember);
    return stored;
  }

  /** The session's conversation when the caller reaches it; else "not found", as if it did not exist. */
  private Conversation reachable(Access access, String id) {
    return conversation(id).filter(c -> access.reaches(c.owner()))
        .orElseThrow(() -> new DialogueException(DialogueException.Kind.NOT_FOUND, "no session '" + id + "'"));
  }

  private static void requireBot(Access access, String bot) {
    if (!access.mayTalkTo(bot)) {
      throw new DialogueException(DialogueException.Kind.FORBIDDEN, "this API key may not talk to bot '" + bot + "'");
    }
  }

  private void remember(Conversation c) {
    conversations.put(c.sessionId(), c);
  }

  private void forget(String id) {
    conversations.invalidate(id);
  }

  /**
   * Rejects a turn that cannot be served (empty or over-long text, unknown emotion, unknown session) before anything
   * is generated or streamed; {@link #turn} applies the same checks.
   */
  public void check(Access access, String sessionId, String text, String emotion) {
    checkTurn(UserText.clean("text", text), emotion);
    requireBot(access, reachable(access, sessionId).bot());
    pipeline.model().unavailableReason().ifPresent(reason -> {
      throw new DialogueException(DialogueException.Kind.UNAVAILABLE, reason);
    });
  }

  private void checkTurn(String text, String emotion) {
    if (text == null || text.isBlank()) throw new DialogueException(DialogueException.Kind.INVALID, "text must not be empty");
    int length = text.codePointCount(0, text.length());
    if (length > limits.maxTextChars()) {
      throw new DialogueException(DialogueException.Kind.LIMIT, "text is " + length + " characters; the limit is " + limits.maxTextChars());
    }
    if (emotion != null && !emotion.isBlank() && personas.emotion(emotion).isEmpty()) {
      throw new DialogueException(DialogueException.Kind.INVALID, "unknown emotion '" + emotion + "'");
    }
  }

  private Persona persona(String id) {
    return personas.find(id).orElseThrow(() -> new DialogueException(DialogueException.Kind.NOT_FOUND, "no persona '" + id + "'"));
  }

  /**
   * A stored turn with the pipeline's result (the exact prompt), the time it took to get the session's conversation
   * (from memory or the store) and the time it took to persist the turn.
   */
  public record TurnOutcome(String sessionId, TurnRecord turn, TurnResult result, double loadMs, double persistMs) {}
}
