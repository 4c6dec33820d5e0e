package dev.xdai.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** Reads the YAML of the deployment description, and names what the checks ask of every manifest alike. */
final class Yaml {

  static final YAMLMapper MAPPER = new YAMLMapper();

  /** Environment variables, arguments and keys that hold a secret by their name. */
  static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|API_KEY|APIKEY|AUTH|CREDENTIAL).*");

  /** An image reference pinned to a version: a tag other than latest, or a digest. */
  static final Pattern PINNED_IMAGE = Pattern.compile("[^\\s:@]+(:(?!latest$)[\\w][\\w.-]{0,127})?(@sha256:[0-9a-f]{64})?");

  private Yaml() {}

  /** Every document of a (multi-document) YAML file; empty documents are skipped. */
  static List<JsonNode> documents(Path file) {
    try {
      List<JsonNode> out = new ArrayList<>();
      try (var values = MAPPER.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(file))) {
        while (values.hasNext()) {
          JsonNode doc = values.next();
          if (doc != null && !doc.isNull() && !doc.isMissingNode()) out.add(doc);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static boolean pinned(String image) {
    return image != null && (image.contains("@sha256:") || image.lastIndexOf(':') > image.lastIndexOf('/'))
        && PINNED_IMAGE.matcher(image).matches();
  }

  /** A changed copy, for the tests that show a broken manifest is refused. */
  static ObjectNode edited(JsonNode doc, Consumer<ObjectNode> change) {
    ObjectNode copy = doc.deepCopy();
    change.accept(copy);
    return copy;
  }

  /** The objects of an array, or none. */
  static List<JsonNode> each(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    if (array instanceof ArrayNode a) a.forEach(out::add);
    return out;
  }
}
