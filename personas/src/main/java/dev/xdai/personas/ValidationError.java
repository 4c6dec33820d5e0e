package dev.xdai.personas;

/**
 * One problem found in a persona, emotion or card file, pinned to where it is: {@code source:line:column: field
 * 'path': message}. Line and column are 1-based; 0 means the position is unknown (the file could not be read at all).
 */
public record ValidationError(String source, int line, int column, String field, String message) {

  public ValidationError {
    source = source == null ? "" : source;
    field = field == null ? "" : field;
    message = message == null ? "" : message;
  }

  /** The error in the one format every message uses, e.g. {@code personas/student.yaml:12:3: field 'id': …}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(source);
    if (line > 0) s.append(':').append(line).append(':').append(column);
    s.append(": ");
    if (!field.isEmpty()) s.append("field '").append(field).append("': ");
    return s.append(message).toString();
  }
}
