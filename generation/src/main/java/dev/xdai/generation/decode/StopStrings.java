package dev.xdai.generation.decode;

import java.util.List;

/**
 * Cuts a streamed fill at the first stop string. Text that could still turn out to be the start of a stop string is
 * held back until it is decided, so the pieces passed on never contain a stop string and concatenate to the final text.
 * Not thread-safe: one per fill.
 */
public final class StopStrings {

  private final List<String> stops;
  private final StringBuilder pending = new StringBuilder();
  private final StringBuilder text = new StringBuilder();
  private boolean stopped;

  public StopStrings(List<String> stops) {
    this.stops = stops.stream().filter(s -> !s.isEmpty()).toList();
  }

  /** Takes the next decoded piece; returns the text that is now safe to pass on (possibly empty). */
  public String accept(String piece) {
    if (stopped) return "";
    pending.append(piece);
    int cut = firstStop();
    String out;
    if (cut >= 0) {
      stopped = true;
      out = pending.substring(0, cut);
      pending.setLength(0);
    } else {
      int hold = longestPrefixSuffix();
      out = pending.substring(0, pending.length() - hold);
      pending.delete(0, pending.length() - hold);
    }
    text.append(out);
    return out;
  }

  /** Releases held-back text at the end of the fill (nothing after a stop). */
  public String flush() {
    String out = stopped ? "" : pending.toString();
    pending.setLength(0);
    text.append(out);
    return out;
  }

  /** Whether a stop string was met. */
  public boolean stopped() { return stopped; }

  /** All text passed on so far. */
  public String text() { return text.toString(); }

  private int firstStop() {
    int best = -1;
    for (String s : stops) {
      int i = pending.indexOf(s);
      if (i >= 0 && (best < 0 || i < best)) best = i;
    }
    return best;
  }

  // Length of the longest end of the pending text that is a proper prefix of some stop string.
  private int longestPrefixSuffix() {
    String p = pending.toString();
    int best = 0;
    for (String s : stops) {
      for (int len = Math.min(s.length() - 1, p.length()); len > best; len--) {
        if (p.regionMatches(p.length() - len, s, 0, len)) { best = len; break; }
      }
    }
    return best;
  }
}
