package dev.xdai.dialogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Sessions in memory: for unit tests and for runs that need no durability (evaluation). */
public final class InMemorySessionStore implements SessionStore {

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  @Override
  public void create(Session session) {
    if (sessions.putIfAbsent(session.id(), session) != null) throw new IllegalStateException("session exists: " + session.id());
  }

  @Override
  public Optional<Session> find(String id) {
    return Optional.ofNullable(sessions.get(id));
  }

  @Override
  public void append(String sessionId, TurnRecord turn) {
    sessions.compute(sessionId, (id, s) -> {
      if (s == null) throw new DialogueException(DialogueException.Kind.CONFLICT, "session " + id + " is gone");
      if (turn.index() != s.turns().size()) {
        throw new DialogueException(DialogueException.Kind.CONFLICT, "turn " + turn.index() + " is out of order: the session holds " + s.turns().size());
      }
      List<TurnRecord> turns = new ArrayList<>(s.turns());
      turns.add(turn);
      return new Session(s.id(), s.bot(), s.emotion(), s.owner(), s.createdAt(), turns);
    });
  }

  @Override
  public List<SessionSummary> list(String owner, int limit) {
    return sessions.values().stream().filter(s -> owner == null || owner.equals(s.owner()))
        .sorted(java.util.Comparator.comparing(Session::createdAt).reversed()).limit(Math.max(0, limit))
        .map(SessionSummary::of).toList();
  }

  @Override
  public boolean delete(String id) {
    return sessions.remove(id) != null;
  }
}
