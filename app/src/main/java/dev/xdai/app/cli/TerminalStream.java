package dev.xdai.app.cli;

import dev.xdai.dialogue.TurnListener;
import java.io.PrintStream;

/**
 * Shows a reply in the terminal as its tokens arrive. Raw pieces are shown up to the first turn separator or line
 * break (where post-processing will cut); a regenerated attempt, or a final reply that post-processing changed, is
 * redrawn in place (ANSI save/restore cursor). Without a terminal nothing is streamed and only the final reply is
 * printed, so piped output holds clean replies.
 */
final class TerminalStream implements TurnListener {

  private static final String SAVE = "\0337";
  private static final String RESTORE_AND_CLEAR = "\0338\033[J";

  private final PrintStream out;
  private final boolean live;
  private final StringBuilder shown = new StringBuilder();
  private boolean cut;
  private boolean started;

  TerminalStream(PrintStream out, boolean live) {
    this.out = out;
    this.live = live;
  }

  @Override
  public synchronized void onToken(String piece) {
    if (!live || cut) return;
    if (!started) {
      out.print(SAVE);
      started = true;
    }
    int end = piece.length();
    for (int i = 0; i < piece.length(); i++) {
      char c = piece.charAt(i);
      if (c == '|' || c == '\n' || c == '\r') {
        end = i;
        cut = true;
        break;
      }
    }
    String visible = piece.substring(0, end);
    shown.append(visible);
    out.print(visible);
    out.flush();
  }

  @Override
  public synchronized void onRestart(String reason) {
    if (!live || !started) return;
    out.print(RESTORE_AND_CLEAR);
    shown.setLength(0);
    cut = false;
  }

  /** Ends the reply: keeps what was streamed when it is the final reply, otherwise shows the final reply in its place. */
  synchronized void finish(String reply) {
    if (live && started && !shown.toString().strip().equals(reply)) out.print(RESTORE_AND_CLEAR);
    if (!live || !started || !shown.toString().strip().equals(reply)) out.print(reply);
    out.println();
    out.flush();
  }
}
