package dev.xdai.evaluation.cli;

/** A command line that cannot be run as given; the message says what to change. Commands exit with status 2. */
public class UsageException extends RuntimeException {
  public UsageException(String message) { super(message); }
}
