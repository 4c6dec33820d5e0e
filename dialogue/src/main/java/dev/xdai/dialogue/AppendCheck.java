package dev.xdai.dialogue;

import java.util.function.BooleanSupplier;

/**
 * The one rule by which a session store accepts a turn: its index must be the number of turns the session holds, so
 * turns are neither lost nor reordered whichever instance stores them. A turn whose index is already taken is accepted
 * only when the stored turn is this very one (a retried request whose first attempt went through); anything else is a
 * {@code CONFLICT} that stores nothing, reported before the turn is acknowledged.
 */
public final class AppendCheck {

  /** What to do with a turn. */
  public enum Verdict {
    /** The index is the next one: store it. */
    APPEND,
    /** The same turn is stored at that index already: nothing to do. */
    ALREADY_STORED,
    /** Another turn was stored at that index first (another instance, or a concurrent request). */
    TAKEN,
    /** Turns before this index are missing: the caller's view of the session is behind or ahead. */
    GAP
  }

  private AppendCheck() {}

  /**
   * @param index      the turn's index
   * @param held       the turns the session holds now
   * @param storedIsThis whether the turn stored at {@code index} is this one; asked only when the index is taken
   */
  public static Verdict verdict(int index, int held, BooleanSupplier storedIsThis) {
    if (index == held) return Verdict.APPEND;
    if (index > held) return Verdict.GAP;
    return storedIsThis.getAsBoolean() ? Verdict.ALREADY_STORED : Verdict.TAKEN;
  }

  /**
   * Whether two records are the same turn: same index, words and moment to the millisecond (what stores keep). The
   * graph store asks the same in Cypher.
   */
  public static boolean sameTurn(TurnRecord a, TurnRecord b) {
    return a.index() == b.index() && a.user().equals(b.user()) && a.reply().equals(b.reply())
        && a.at().toEpochMilli() == b.at().toEpochMilli();
  }

  /** The refusal of a turn for a {@code TAKEN} or {@code GAP} verdict, saying what the client can do. */
  public static DialogueException conflict(String sessionId, int index, int held, Verdict verdict) {
    String why = switch (verdict) {
      case TAKEN -> "turn " + index + " of session '" + sessionId + "' was stored first by another request (the session holds "
          + held + " turns); this turn was not stored: send it again to answer after the newer history";
      case GAP -> "turn " + index + " of session '" + sessionId + "' is out of order: the session holds " + held
          + " turns; this turn was not stored";
      default -> throw new IllegalArgumentException(verdict + " is not a conflict");
    };
    return new DialogueException(DialogueException.Kind.CONFLICT, why);
  }
}
