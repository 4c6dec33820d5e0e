package dev.xdai.personas;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a persona, emotion or card does not validate; carries every error found, not just the first. */
public final class PersonaValidationException extends RuntimeException {

  private final List<ValidationError> errors;

  public PersonaValidationException(List<ValidationError> errors) {
    super(errors.stream().map(ValidationError::toString).collect(Collectors.joining("\n")));
    if (errors.isEmpty()) throw new IllegalArgumentException("a validation failure needs at least one error");
    this.errors = List.copyOf(errors);
  }

  public List<ValidationError> errors() { return errors; }
}
