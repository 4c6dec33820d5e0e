package dev.xdai.generation.remote;

import java.util.Optional;

/**
 * The server-sent-events wire format, one line at a time (the WHATWG rules the service's clients need): {@code event:}
 * names the event, {@code data:} lines are joined with newlines, a blank line ends the event, {@code :} starts a
 * comment, one space after the colon is not part of the value. The one reader of event streams: the remote model's
 * responses ({@link SseStream}) and the terminal chat's turns. Not thread-safe: one per stream.
 */
public final class SseParser {

  /** One event; {@code name} is {@code message} when the stream named none. */
  public record Event(String name, String data) {}

  private String name = "message";
  private StringBuilder data;

  /** The event that {@code line} ends, if any; {@code null} for the end of the stream ends a last unterminated event. */
  public Optional<Event> line(String line) {
    if (line == null || line.isEmpty()) {
      Optional<Event> event = data == null ? Optional.empty() : Optional.of(new Event(name, data.toString()));
      name = "message";
      data = null;
      return event;
    }
    if (line.startsWith(":")) return Optional.empty();
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) value = value.substring(1);
    switch (field) {
      case "event" -> name = value;
      case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      default -> { } // id, retry and unknown fields mean nothing to these clients
    }
    return Optional.empty();
  }
}
