package dev.xdai.dialogue;

import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.dialogue.AppendCheck.Verdict;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class AppendCheckTest {

  @Test
  void onlyTheNextIndexIsAppendedAndATakenOneOnlyWhenItHoldsThisVeryTurn() {
    AtomicBoolean asked = new AtomicBoolean();
    assertEquals(Verdict.APPEND, AppendCheck.verdict(3, 3, () -> { asked.set(true); return false; }));
    assertFalse(asked.get(), "the stored turn is looked at only when the index is taken");
    assertEquals(Verdict.GAP, AppendCheck.verdict(4, 3, () -> true));
    assertEquals(Verdict.TAKEN, AppendCheck.verdict(2, 3, () -> false));
    assertEquals(Verdict.ALREADY_STORED, AppendCheck.verdict(2, 3, () -> true));
  }

  @Test
  void aConflictIsAClientErrorThatSaysNothingWasStored() {
    DialogueException taken = AppendCheck.conflict("s1", 2, 3, Verdict.TAKEN);
    assertEquals(DialogueException.Kind.CONFLICT, taken.kind());
    assertTrue(taken.getMessage().contains("stored first by another request") && taken.getMessage().contains("not stored"),
        taken.getMessage());
    assertTrue(AppendCheck.conflict("s1", 5, 3, Verdict.GAP).getMessage().contains("out of order"));
    assertThrows(IllegalArgumentException.class, () -> AppendCheck.conflict("s1", 3, 3, Verdict.APPEND));
  }

  @Test
  void theSameTurnIsTheSameWordsAtTheSameMillisecond() {
    Instant at = Instant.parse("2026-01-01T00:00:00.123456Z");
    TurnRecord turn = new TurnRecord(1, "你好", "你好呀", null, at);
    assertTrue(AppendCheck.sameTurn(turn, new TurnRecord(1, "你好", "你好呀", null, Instant.ofEpochMilli(at.toEpochMilli()))));
    assertFalse(AppendCheck.sameTurn(turn, new TurnRecord(1, "你好", "别的", null, at)));
    assertFalse(AppendCheck.sameTurn(turn, new TurnRecord(1, "你好", "你好呀", null, at.plusMillis(1))));
    assertFalse(AppendCheck.sameTurn(turn, new TurnRecord(2, "你好", "你好呀", null, at)));
  }
}
