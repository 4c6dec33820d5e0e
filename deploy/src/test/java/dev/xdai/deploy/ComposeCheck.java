package dev.xdai.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Compose file against the Compose specification's JSON schema and the project's rules: images pinned, secrets as
 * files (never a value in the environment or on a command line), and the xdai service replicated with a health check
 * on its readiness.
 */
final class ComposeCheck {

  static final String SECRETS_DIR = "/run/secrets/";

  private final Schema schema;

  ComposeCheck(Path schemaFile) {
    // The specification's schema still names its parts with draft 4's "id", which draft 2019-09 does not know.
    Dialect dialect = Dialect.builder(Dialects.getDraft201909()).keyword(new NonValidationKeyword("id")).build();
    try (InputStream in = Files.newInputStream(schemaFile)) {
      schema = SchemaRegistry.withDefaultDialect(dialect).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What is wrong with {@code compose}; empty when nothing is. */
  List<String> problems(JsonNode compose) {
    List<String> out = new ArrayList<>();
    schema.validate(compose).forEach(e -> out.add("schema: " + e));
    Set<String> declared = new TreeSet<>();
    compose.path("secrets").properties().forEach(s -> {
      declared.add(s.getKey());
      if (!s.getValue().has("file") && !s.getValue().path("external").asBoolean(false)) {
        out.add("secret " + s.getKey() + ": must come from a file or be external, not be written here");
      }
    });
    compose.path("services").properties().forEach(s -> service("service " + s.getKey(), s.getValue(), declared, out));
    return out;
  }

  private static void service(String where, JsonNode s, Set<String> declared, List<String> out) {
    String image = s.path("image").asText(null);
    if (image != null && !Yaml.pinned(image)) out.add(where + ": image " + image + " is not pinned to a version");
    Set<String> granted = new TreeSet<>();
    for (JsonNode ref : Yaml.each(s.path("secrets"))) {
      String id = ref.isTextual() ? ref.asText() : ref.path("source").asText();
      granted.add(id);
      if (!declared.contains(id)) out.add(where + ": secret " + id + " is not declared");
    }
    environment(s.path("environment")).forEach((name, value) -> {
      boolean file = name.endsWith("_FILE") && value.startsWith(SECRETS_DIR);
      if (Yaml.SECRET_NAME.matcher(name).matches() && !file) {
        out.add(where + ": " + name + " puts a secret in the environment; give it as a file, " + name + "_FILE=" + SECRETS_DIR + "...");
      }
      if (file && !granted.contains(value.substring(SECRETS_DIR.length()))) {
        out.add(where + ": " + name + " reads " + value + ", a secret the service is not given");
      }
    });
    List<JsonNode> commandLine = new ArrayList<>(Yaml.each(s.path("entrypoint")));
    commandLine.addAll(Yaml.each(s.path("command")));
    for (JsonNode part : commandLine) {
      if (part.asText().contains("--api-key")) out.add(where + ": an API key on the command line (use the engine's environment, from a secret file)");
    }
    if (image != null && image.startsWith("xdai:") && s.path("command").path(0).asText().equals("serve")) {
      int replicas = s.path("deploy").path("replicas").asInt(1);
      if (replicas < 2) out.add(where + ": " + replicas + " replica(s) of the chat service; at least 2");
      if (!s.path("healthcheck").path("test").toString().contains("/q/health/ready")) {
        out.add(where + ": no health check on /q/health/ready");
      }
    }
  }

  /** A service's environment, given as a map or as a list of NAME=VALUE. */
  private static Map<String, String> environment(JsonNode env) {
    Map<String, String> out = new LinkedHashMap<>();
    if (env.isObject()) env.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    for (JsonNode item : Yaml.each(env)) {
      String text = item.asText();
      int eq = text.indexOf('=');
      out.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : text.substring(eq + 1));
    }
    return out;
  }
}
