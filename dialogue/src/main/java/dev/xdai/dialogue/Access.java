package dev.xdai.dialogue;

import java.util.Set;

/**
 * Who asks for a session or a turn: the name of the API key that asks ({@code owner}, empty when access control is
 * off), whether it reaches every session (an admin key, or no access control) or only those it created, and the bots it
 * may talk to (empty: every bot).
 */
public record Access(String owner, boolean everySession, Set<String> bots) {

  /** No access control: every session, every bot. */
  public static final Access ANY = new Access("", true, Set.of());

  public Access {
    owner = owner == null ? "" : owner;
    bots = Set.copyOf(bots);
  }

  /** Whether a session created by {@code sessionOwner} is this caller's to read, continue or delete. */
  public boolean reaches(String sessionOwner) {
    return everySession || owner.equals(sessionOwner);
  }

  /** Whether this caller may talk to {@code bot}. */
  public boolean mayTalkTo(String bot) {
    return bots.isEmpty() || bots.contains(bot);
  }
}
