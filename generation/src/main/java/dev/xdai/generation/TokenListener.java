package dev.xdai.generation;

/** Receives decoded text pieces as a model produces them. */
@FunctionalInterface
public interface TokenListener {
  void onToken(String piece);

  TokenListener NONE = piece -> {};
}
