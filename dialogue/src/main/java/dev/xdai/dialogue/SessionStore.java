package dev.xdai.dialogue;

import java.util.Optional;

/** Durable storage of sessions and their turns (Neo4j in the service; in memory for unit tests). Thread-safe. */
public interface SessionStore extends AutoCloseable {

  void create(Session session);

  Optional<Session> find(String id);

  /** The session without its groundings, for answering its next turn; stores override this to read less. */
  default Optional<Conversation> conversation(String id) {
    return find(id).map(Conversation::of);
  }

  /**
   * Appends a turn; its index must be the session's turn count.
   *
   * @throws DialogueException of kind {@code CONFLICT} when the session is gone or holds a different number of turns
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
