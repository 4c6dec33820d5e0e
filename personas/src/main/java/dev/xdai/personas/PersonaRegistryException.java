package dev.xdai.personas;

/** A registry operation that was refused (not a validation failure): the app maps the reason to a status code. */
public final class PersonaRegistryException extends RuntimeException {

  /** Why the operation was refused. */
  public enum Reason {
    /** No persona with that id is loaded (and, for delete, no file in the writable directory has that id). */
    NOT_FOUND,
    /** Create was asked for an id that is already loaded; use replace. */
    ALREADY_EXISTS,
    /** The operation needs the writable directory (none configured), or would delete a shipped persona. */
    READ_ONLY,
    /** Writing or deleting the file failed. */
    IO
  }

  private final Reason reason;

  public PersonaRegistryException(Reason reason, String message) {
    this(reason, message, null);
  }

  public PersonaRegistryException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() { return reason; }
}
