package dev.xdai.dialogue;

import java.util.Optional;
import java.util.OptionalInt;

/** Durable storage of sessions and their turns (Neo4j in the service; in memory for unit tests). Thread-safe. */
public interface SessionStore extends AutoCloseable {

  void create(Session session);

  Optional<Session> find(String id);

  /** The session without its groundings, for answering its next turn; stores override this to read less. */
  default Optional<Conversation> conversation(String id) {
    return find(id).map(Conversation::of);
  }

  /**
   * How many turns the session holds, empty when there is none: its version, since turns are only ever appended. A
   * service instance checks its remembered conversation against it when others may write the same session.
   */
  default OptionalInt turnCount(String id) {
    return conversation(id).map(c -> OptionalInt.of(c.exchanges().size())).orElse(OptionalInt.empty());
  }

  /**
   * Appends a turn by the {@link AppendCheck}: its index must be the session's turn count (the same turn again is
   * accepted and changes nothing).
   *
   * @throws DialogueException of kind {@code CONFLICT} when the session is gone or holds a different number of turns;
   *     nothing is stored then
   */
  void append(String sessionId, TurnRecord turn);

  /**
   * The latest sessions, most recently begun first, at most {@code limit}: those {@code owner} created, or every session
   * when {@code owner} is null.
   */
  java.util.List<SessionSummary> list(String owner, int limit);

  /** Forgets the session and its turns; false when there was none. */
  boolean delete(String id);

  @Override
  default void close() {}
}
