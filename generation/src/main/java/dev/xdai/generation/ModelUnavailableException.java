package dev.xdai.generation;

/** The model cannot serve now; the message says why in words a user can act on. */
public class ModelUnavailableException extends RuntimeException {
  public ModelUnavailableException(String reason) { super(reason); }

  public ModelUnavailableException(String reason, Throwable cause) { super(reason, cause); }
}
