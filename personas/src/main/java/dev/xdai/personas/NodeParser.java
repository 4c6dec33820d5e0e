package dev.xdai.personas;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.Mark;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads YAML or JSON text into a {@link Node} tree with positions; syntax problems become validation errors. */
final class NodeParser {

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final YAMLFactory YAML = YAMLFactory.builder().build();
  private static final int MAX_DEPTH = 32;

  private NodeParser() {}

  /** Parses one document; throws {@link PersonaValidationException} naming the source and position on bad syntax. */
  static Node parse(String source, String text, Format format) {
    JsonFactory factory = format == Format.YAML ? YAML : JSON;
    List<ValidationError> errors = new ArrayList<>();
    try (JsonParser p = factory.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) throw fail(source, 1, 1, "the file is empty");
      Node root = read(p, source, errors, 0);
      if (!errors.isEmpty()) throw new PersonaValidationException(errors);
      // A second YAML document (after '---') or trailing JSON would otherwise be silently ignored.
      if (p.nextToken() != null) {
        JsonLocation at = p.currentTokenLocation();
        throw fail(source, at.getLineNr(), at.getColumnNr(), "only one document per file is allowed");
      }
      return root;
    } catch (MarkedYAMLException e) {
      // SnakeYAML's own message spans several lines with snippets; the problem and its mark are what an author needs.
      Mark at = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String message = (e.getContext() == null ? "" : e.getContext() + ": ") + (e.getProblem() == null ? "" : e.getProblem());
      throw fail(source, at == null ? 0 : at.getLine() + 1, at == null ? 0 : at.getColumn() + 1, "YAML syntax: " + message.strip());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String message = e.getOriginalMessage().lines().findFirst().orElse("syntax error").strip();
      throw fail(source, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
          format.name() + " syntax: " + message);
    } catch (IOException e) {
      throw fail(source, 0, 0, "cannot read: " + e.getMessage());
    }
  }

  private static Node read(JsonParser p, String source, List<ValidationError> errors, int depth) throws IOException {
    JsonLocation at = p.currentTokenLocation();
    int line = at.getLineNr(), column = at.getColumnNr();
    if (p instanceof YAMLParser y && y.isCurrentAlias()) {
      errors.add(new ValidationError(source, line, column, "", "YAML aliases (*name) are not supported; write the value out"));
    }
    if (depth > MAX_DEPTH) throw fail(source, line, column, "nested too deeply");
    return switch (p.currentToken()) {
      case START_OBJECT -> {
        Map<String, Node.Entry> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          JsonLocation keyAt = p.currentTokenLocation();
          String key = p.currentName();
          p.nextToken();
          Node value = read(p, source, errors, depth + 1);
          if (entries.containsKey(key)) {
            errors.add(new ValidationError(source, keyAt.getLineNr(), keyAt.getColumnNr(), key, "duplicate field"));
          } else {
            entries.put(key, new Node.Entry(keyAt.getLineNr(), keyAt.getColumnNr(), value));
          }
        }
        yield new Node.Mapping(line, column, entries);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) items.add(read(p, source, errors, depth + 1));
        yield new Node.Sequence(line, column, items);
      }
      case VALUE_STRING -> new Node.Scalar(line, column, p.getText());
      case VALUE_NUMBER_INT -> new Node.Scalar(line, column, p.getNumberValue());
      case VALUE_NUMBER_FLOAT -> new Node.Scalar(line, column, p.getDoubleValue());
      case VALUE_TRUE -> new Node.Scalar(line, column, Boolean.TRUE);
      case VALUE_FALSE -> new Node.Scalar(line, column, Boolean.FALSE);
      case VALUE_NULL -> new Node.Scalar(line, column, null);
      default -> throw fail(source, line, column, "unexpected " + p.currentToken());
    };
  }

  private static PersonaValidationException fail(String source, int line, int column, String message) {
    return new PersonaValidationException(List.of(new ValidationError(source, line, column, "", message)));
  }
}
