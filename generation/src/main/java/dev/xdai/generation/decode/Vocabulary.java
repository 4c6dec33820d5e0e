package dev.xdai.generation.decode;

import java.util.Collection;

/**
 * What the decoding loop needs to know of a vocabulary: each token's text piece, the end-of-fill token, and the tokens
 * it must never produce (control tokens such as {@code [MASK]} or {@code [sop]}, and {@code [unk]}).
 */
public final class Vocabulary {

  private final String[] pieces;
  private final int endToken;
  private final boolean[] banned;

  public Vocabulary(String[] pieces, int endToken, Collection<Integer> bannedTokens) {
    this.pieces = pieces.clone();
    this.endToken = endToken;
    this.banned = new boolean[pieces.length];
    for (int id : bannedTokens) banned[id] = true;
    if (endToken < 0 || endToken >= pieces.length) throw new IllegalArgumentException("end token " + endToken + " outside vocabulary");
  }

  public int size() { return pieces.length; }

  /** The text a token stands for in a fill. */
  public String piece(int token) { return pieces[token]; }

  public int endToken() { return endToken; }

  public boolean banned(int token) { return banned[token]; }

  /** Joins the pieces of {@code tokens}. */
  public String text(int[] tokens) {
    StringBuilder sb = new StringBuilder();
    for (int t : tokens) sb.append(pieces[t]);
    return sb.toString();
  }
}
