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
    Session existing = sessions.putIfAbsent(session.id(), session);
    boolean same = existing == null || (existing.createdAt().equals(session.createdAt()) && existing.bot().equals(session.bot())
        && existing.owner().equals(session.owner()));
    if (!same) throw new DialogueException(DialogueException.Kind.CONFLICT, "session '" + session.id() + "' exists already");
  }

  @Override
  public Optional<Session> find(String id) {
    return Optional.ofNullable(sessions.get(id));
  }

  @Override
  public void append(String sessionId, TurnRecord turn) {
    sessions.compute(sessionId, (id, s) -> {
      if (s == null) throw new DialogueException(DialogueException.Kind.CONFLICT, "session '" + id + "' is gone");
      AppendCheck.Verdict verdict = AppendCheck.verdict(turn.index(), s.turns().size(), () -> AppendCheck.sameTurn(s.turns().get(turn.index()), turn));
      if (verdict == AppendCheck.Verdict.ALREADY_STORED) return s;
      if (verdict != AppendCheck.Verdict.APPEND) throw AppendCheck.conflict(id, turn.index(), s.turns().size(), verdict);
      List<TurnRecord> turns = new ArrayList<>(s.turns());
      turns.add(turn);
      return new Session(s.id(), s.bot(), s.emotion(), s.owner(), s.createdAt(), turns);
    });
  }

  @Override
  public java.util.OptionalInt turnCount(String id) {
    Session s = sessions.get(id);
    return s == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(s.turns().size());
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
