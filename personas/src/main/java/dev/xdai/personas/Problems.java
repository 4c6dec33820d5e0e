package dev.xdai.personas;

import java.util.ArrayList;
import java.util.List;

/** Collects the validation errors of one source, so a file reports all its problems at once. */
final class Problems {

  private final String source;
  private final List<ValidationError> errors = new ArrayList<>();

  Problems(String source) {
    this.source = source;
  }

  String source() { return source; }

  void add(int line, int column, String field, String message) {
    errors.add(new ValidationError(source, line, column, field, message));
  }

  void add(Node at, String field, String message) {
    add(at.line(), at.column(), field, message);
  }

  boolean isEmpty() { return errors.isEmpty(); }

  /** Throws if anything was collected; the one exit point of every reader. */
  void throwIfAny() {
    if (!errors.isEmpty()) throw new PersonaValidationException(errors);
  }
}
