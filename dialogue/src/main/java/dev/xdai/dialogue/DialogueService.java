package dev.xdai.dialogue;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.xdai.generation.ModelUnavailableException;
import dev.xdai.personas.Persona;
import dev.xdai.personas.PersonaCatalog;
import dev.xdai.prompting.Exchange;
import dev.xdai.retrieval.embed.CachingEmbedder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sessions and turns: checks limits, runs the {@link TurnPipeline} with the session's history, and persists each turn
 * with its grounding (step 8). Turns of one session run one at a time, in order; sessions run in parallel. A client
 * that keeps the conversation itself gets an {@link #answer} over the history it sends, and nothing is stored.
 *
 * <p>The conversations this service answered recently are kept in memory, written through on every stored turn. When
 * this service owns its sessions ({@link Ownership#OWNED}) a turn then reads nothing from the store; when other
 * instances may write them too ({@link Ownership#SHARED}) each turn first asks the store how many turns the session
 * holds and reads it afresh when that is not what memory holds, so a session may go from instance to instance, turn
 * after turn. Two instances answering one session at once are caught by the store's {@link AppendCheck}: the second
 * turn fails with {@code CONFLICT} before anything is stored or acknowledged, and the session is read afresh next time.
 *
 * <p>Every call names its {@link Access}: a session another key created is "not found" to a caller that does not
 * reach it, so its existence is not revealed. What is kept per session in memory (its lock, its conversation) is
 * bounded and expires when the session is left alone, so abandoned sessions cost nothing; the vectors of its texts are
 * in the service's one embedding cache ({@link CachingEmbedder}), which is bounded and expires too.
 */
public final class DialogueService implements AutoCloseable {

  /** @param maxTextChars longest accepted utterance; @param maxTurns turns a session may hold */
  public record Limits(int maxTextChars, int maxTurns) {
    public static Limits defaults() { return new Limits(500, 200); }
  }

  /** Who writes the sessions: this service alone, or other instances over the same store too. */
  public enum Ownership {
    /** Only this service writes its sessions: what it remembers is what the store holds. */
    OWNED,
    /** Other instances may write them: what it remembers is checked against the store's turn count every turn. */
    SHARED
  }

  private final TurnPipeline pipeline;
  private final SessionStore store;
  private final PersonaCatalog personas;
  private final CachingEmbedder embedder;
  private final Limits limits;
  private final Ownership ownership;
  // A lock table, not a cache: weak values keep a lock while a turn holds or waits for it, so two turns of one session
  // always share one, and it goes once no turn does; a bound or an expiry could drop a lock in use.
  private final Cache<String, ReentrantLock> locks = Caffeine.newBuilder().weakValues().build();
  /** Recently answered conversations. */
  private final Cache<String, Conversation> conversations =
      Caffeine.newBuilder().maximumSize(CONVERSATIONS_KEPT).expireAfterAccess(IDLE).recordStats().build();

  static final int CONVERSATIONS_KEPT = 4096;
  /** A session left alone this long is read from the store again when it comes back. */
  static final Duration IDLE = Duration.ofMinutes(30);
  /** Embeds each finished exchange in the background, off the next turn's path; drops work when far behind. */
  private final ThreadPoolExecutor prefetcher = DaemonPool.of("xdai-embedding-prefetch", 1, 256);

  /** A service that owns its sessions. */
  public DialogueService(TurnPipeline pipeline, SessionStore store, PersonaCatalog personas, CachingEmbedder embedder,
      Limits limits) {
    this(pipeline, store, personas, embedder, limits, Ownership.OWNED);
  }

  /** @param embedder the service's embedding cache, which every session's texts go through */
  public DialogueService(TurnPipeline pipeline, SessionStore store, PersonaCatalog personas, CachingEmbedder embedder,
      Limits limits, Ownership ownership) {
    this.pipeline = pipeline;
    this.store = store;
    this.personas = personas;
    this.embedder = embedder;
    this.limits = limits;
    this.ownership = ownership;
  }

  /** A new session of {@code bot} owned by the caller. */
  public Session create(Access access, String bot, String emotion) {
    Persona persona = talkable(access, bot);
    checkEmotion(emotion);
    return created(new Session(UUID.randomUUID().toString(), persona.id(), emotion, access.owner(), Instant.now(), List.of()));
  }

  /**
   * The session {@code id} of {@code bot}, created for the caller when there is none yet: for clients that name their
   * conversation with a key of their own instead of keeping the id this service gives (the OpenAI-compatible API derives
   * {@code id} from the key). Two first calls with one id get one session, here and across instances sharing the store.
   *
   * @throws DialogueException {@code NOT_FOUND} when the id is taken by a session the caller does not reach, and
   *     {@code CONFLICT} when it is taken by a session of another bot
   */
  public Conversation open(Access access, String id, String bot, String emotion) {
    Persona persona = talkable(access, bot);
    checkEmotion(emotion);
    ReentrantLock lock = locks.get(id, k -> new ReentrantLock(true));
    lock.lock(); // one first call creates, the other finds
    try {
      Optional<Conversation> known = conversation(id);
      if (known.isEmpty()) {
        try {
          return Conversation.of(created(new Session(id, persona.id(), emotion, access.owner(), Instant.now(), List.of())));
        } catch (RuntimeException e) {
          // another instance created it since we looked: use theirs
          known = store.conversation(id);
          if (known.isEmpty()) throw e;
          remember(known.get());
        }
      }
      Conversation c = known.filter(k -> access.reaches(k.owner())).orElseThrow(() -> noSession(id));
      if (!c.bot().equals(persona.id())) {
        throw new DialogueException(DialogueException.Kind.CONFLICT, "session '" + id + "' talks to bot '" + c.bot() + "', not '" + persona.id() + "'");
      }
      return c;
    } finally {
      lock.unlock();
    }
  }

  /** Stores a new session and remembers its conversation. */
  private Session created(Session s) {
    store.create(s);
    remember(Conversation.of(s));
    return s;
  }

  /**
   * How many sessions' state is held in memory now, by kind ({@code locks}, {@code conversations}): for metrics, to see
   * that it levels off rather than grows with every session ever served.
   */
  public java.util.Map<String, Long> sessionStateSizes() {
    return java.util.Map.of("locks", locks.estimatedSize(), "conversations", conversations.estimatedSize());
  }

  /** The cache of recently answered conversations, for metrics (its hits are turns that read nothing from the store). */
  public Cache<?, ?> conversationCache() {
    return conversations;
  }

  @Override
  public void close() {
    prefetcher.shutdownNow();
  }

  /** The session with its turns and groundings, when the caller reaches it. */
  public Optional<Session> find(Access access, String id) {
    return store.find(id).filter(s -> access.reaches(s.owner()));
  }

  /** The latest sessions the caller reaches, most recently begun first, at most {@code limit}. */
  public List<SessionSummary> list(Access access, int limit) {
    return store.list(access.everySession() ? null : access.owner(), limit);
  }

  /** Forgets the session; false when there was none the caller reaches. */
  public boolean delete(Access access, String id) {
    if (conversation(id).filter(c -> access.reaches(c.owner())).isEmpty()) return false;
    forget(id);
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
      Persona persona = talkable(access, session.bot());
      String turnEmotion = emotion != null && !emotion.isBlank() ? emotion : session.emotion();
      TurnResult result = run(persona, session.exchanges(), text, turnEmotion, switches, listener);
      TurnRecord record = record(index, text, result);
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
      prepareNext(exchange, persona, switches);
      return new TurnOutcome(sessionId, record, result, loadMs, persistMs);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Answers {@code text} after {@code history}, as {@link #turn} does in a session, but stores nothing: for clients that
   * keep the conversation themselves and send it whole with every call. The outcome's session id is null and its
   * load and persist times are 0.
   *
   * @param history the earlier exchanges, oldest first, indexed from 0; at most the turns a session may hold
   * @param emotion this turn's emotion, or null/blank for the persona's
   */
  public TurnOutcome answer(Access access, String bot, List<Exchange> history, String text, String emotion, Switches switches,
      TurnListener listener) {
    return answer(() -> talkable(access, bot), history, text, emotion, switches, listener);
  }

  /**
   * As {@link #answer}, by a persona that need not be in the catalog: for an administrator trying a persona before it is
   * saved (the caller checks who may). Nothing is stored.
   */
  public TurnOutcome answerAs(Persona persona, List<Exchange> history, String text, String emotion, Switches switches,
      TurnListener listener) {
    return answer(() -> persona, history, text, emotion, switches, listener);
  }

  /** The input is checked before the persona is looked up, so bad input is a 400 whoever asks. */
  private TurnOutcome answer(java.util.function.Supplier<Persona> persona, List<Exchange> history, String text, String emotion,
      Switches switches, TurnListener listener) {
    text = UserText.clean("text", text);
    checkTurn(text, emotion);
    history = history.stream().map(e -> new Exchange(e.index(), UserText.clean("history", e.user()), UserText.clean("history", e.bot())))
        .toList();
    if (history.size() >= limits.maxTurns()) {
      throw new DialogueException(DialogueException.Kind.LIMIT, "the history holds " + history.size()
          + " exchanges; the limit is " + (limits.maxTurns() - 1));
    }
    TurnResult result = run(persona.get(), history, text, emotion, switches, listener);
    return new TurnOutcome(null, record(history.size(), text, result), result, 0, 0);
  }

  /** The pipeline's answer to {@code text} after {@code history}: what {@link #turn} and {@link #answer} share. */
  private TurnResult run(Persona persona, List<Exchange> history, String text, String emotion, Switches switches,
      TurnListener listener) {
    TurnRequest request = new TurnRequest(history, text, persona, emotion, switches, null, null, embedder, history.size());
    try {
      return pipeline.run(request, listener);
    } catch (ModelUnavailableException e) {
      throw new DialogueException(DialogueException.Kind.UNAVAILABLE, e.getMessage(), e);
    }
  }

  private static TurnRecord record(int index, String text, TurnResult result) {
    return new TurnRecord(index, text, result.reply(), result.grounding(), Instant.now());
  }

  /**
   * Starts the next turn's work on the finished exchange in the background, the vector first (marked in flight at once,
   * so a user who answers quickly waits for it rather than computes it twice); when far behind, the work is skipped.
   */
  private void prepareNext(Exchange exchange, Persona persona, Switches switches) {
    embedder.prefetch(HistorySelector.exchangeText(exchange), prefetcher);
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

  /**
   * The session's conversation: from memory when this service answered it last and (when shared) the store holds no
   * more turns than memory does; else read afresh.
   */
  private Optional<Conversation> conversation(String id) {
    Conversation known = conversations.getIfPresent(id);
    if (known != null && (ownership == Ownership.OWNED || store.turnCount(id).equals(OptionalInt.of(known.exchanges().size())))) {
      return Optional.of(known);
    }
    Optional<Conversation> stored = store.conversation(id);
    stored.ifPresentOrElse(this::remember, () -> forget(id));
    return stored;
  }

  /** The session's conversation when the caller reaches it; else "not found", as if it did not exist. */
  private Conversation reachable(Access access, String id) {
    return conversation(id).filter(c -> access.reaches(c.owner())).orElseThrow(() -> noSession(id));
  }

  private static DialogueException noSession(String id) {
    return new DialogueException(DialogueException.Kind.NOT_FOUND, "no session '" + id + "'");
  }

  /** The persona of {@code bot} when the caller may talk to it. */
  private Persona talkable(Access access, String bot) {
    Persona persona = persona(bot);
    requireBot(access, persona.id());
    return persona;
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
    requireModel();
  }

  /** The same checks for an {@link #answer} to {@code text} by {@code bot}. */
  public void checkAnswer(Access access, String bot, String text, String emotion) {
    checkTurn(UserText.clean("text", text), emotion);
    talkable(access, bot);
    requireModel();
  }

  private void requireModel() {
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
    checkEmotion(emotion);
  }

  private void checkEmotion(String emotion) {
    if (emotion != null && !emotion.isBlank() && personas.emotion(emotion).isEmpty()) {
      throw new DialogueException(DialogueException.Kind.INVALID, "unknown emotion '" + emotion + "'");
    }
  }

  private Persona persona(String id) {
    return personas.find(id).orElseThrow(() -> new DialogueException(DialogueException.Kind.NOT_FOUND, "no persona '" + id + "'"));
  }

  /**
   * A turn with the pipeline's result (the exact prompt), the time it took to get the session's conversation (from
   * memory or the store) and the time it took to persist the turn; {@code sessionId} is null for an {@link #answer},
   * which is not stored.
   */
  public record TurnOutcome(String sessionId, TurnRecord turn, TurnResult result, double loadMs, double persistMs) {}
}
