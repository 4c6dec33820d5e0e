package dev.xdai.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Kubernetes manifests against the Kubernetes API and the project's rules. Each resource is checked by the model the
 * Kubernetes project generates from its OpenAPI document (the official Java client, io.kubernetes:client-java-api):
 * no field it does not define, every field it requires, and every value of the type it declares. The rules: images
 * pinned; secrets referenced (from the Secrets the kustomization generates from files), never written as a value;
 * every xdai container probed for readiness on /q/health/ready and for liveness on /q/health/live; at least two xdai
 * replicas.
 */
final class KubernetesCheck {

  static final String READY = "/q/health/ready", LIVE = "/q/health/live";

  private static final String MODELS = "io.kubernetes.client.openapi.models.";
  private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

  /** The kustomization: the manifests it applies and the Secrets and images it sets. */
  record Kustomization(Path dir, List<String> resources, Set<String> secrets, Map<String, String> images) {

    static Kustomization read(Path dir) {
      JsonNode k = Yaml.documents(dir.resolve("kustomization.yaml")).get(0);
      List<String> resources = Yaml.each(k.path("resources")).stream().map(JsonNode::asText).toList();
      Set<String> secrets = new TreeSet<>();
      Yaml.each(k.path("secretGenerator")).forEach(s -> secrets.add(s.path("name").asText()));
      Map<String, String> images = new TreeMap<>();
      Yaml.each(k.path("images")).forEach(i -> images.put(i.path("name").asText(),
          i.path("newName").asText(i.path("name").asText()) + ":" + i.path("newTag").asText("")));
      return new Kustomization(dir, resources, secrets, images);
    }

    /** Every document of every manifest, with the file it is in. */
    List<Manifest> manifests() {
      List<Manifest> out = new ArrayList<>();
      for (String file : resources) {
        List<JsonNode> docs = Yaml.documents(dir.resolve(file));
        for (int i = 0; i < docs.size(); i++) out.add(new Manifest(file + "#" + (i + 1), docs.get(i)));
      }
      return out;
    }
  }

  /** One resource and where it was read. */
  record Manifest(String where, JsonNode doc) {}

  /** What is wrong with the kustomization and its manifests; empty when nothing is. */
  static List<String> problems(Kustomization k) {
    List<String> out = new ArrayList<>(layout(k));
    k.images().forEach((name, ref) -> { if (!Yaml.pinned(ref)) out.add("kustomization: image " + name + " -> " + ref + " is not pinned"); });
    for (Manifest m : k.manifests()) out.addAll(problems(m, k.secrets()));
    return out;
  }

  /** What is wrong with one resource. */
  static List<String> problems(Manifest m, Set<String> secrets) {
    List<String> out = new ArrayList<>();
    String where = m.where() + " " + m.doc().path("kind").asText("?") + " " + m.doc().path("metadata").path("name").asText("?");
    api(where, m.doc(), out);
    String kind = m.doc().path("kind").asText();
    if (kind.equals("Secret")) out.add(where + ": a Secret written in a manifest; the kustomization generates them from files");
    JsonNode pod = kind.equals("Pod") ? m.doc().path("spec") : m.doc().path("spec").path("template").path("spec");
    boolean xdai = false;
    for (JsonNode c : Stream.concat(Yaml.each(pod.path("initContainers")).stream(), Yaml.each(pod.path("containers")).stream()).toList()) {
      container(where + " container " + c.path("name").asText(), c, secrets, out);
      xdai |= isXdai(c);
    }
    for (JsonNode v : Yaml.each(pod.path("volumes"))) {
      String secret = v.path("secret").path("secretName").asText(null);
      if (secret != null && !secrets.contains(secret)) out.add(where + ": volume " + v.path("name").asText() + " mounts secret " + secret + ", which the kustomization does not generate");
    }
    if (xdai && m.doc().path("spec").path("replicas").asInt(1) < 2) {
      out.add(where + ": " + m.doc().path("spec").path("replicas").asInt(1) + " replica(s) of xdai; at least 2");
    }
    return out;
  }

  /** The resource as the Kubernetes API's model reads it: known fields only, required ones present, declared types. */
  private static void api(String where, JsonNode doc, List<String> out) {
    String version = doc.path("apiVersion").asText();
    String kind = doc.path("kind").asText();
    String v = version.substring(version.indexOf('/') + 1);
    Class<?> model;
    try {
      model = Class.forName(MODELS + Character.toUpperCase(v.charAt(0)) + v.substring(1) + kind);
    } catch (ClassNotFoundException | StringIndexOutOfBoundsException e) {
      out.add(where + ": no Kubernetes API model for apiVersion " + version + ", kind " + kind);
      return;
    }
    try {
      JsonElement json = JsonParser.parseString(doc.toString());
      model.getMethod("validateJsonElement", JsonElement.class).invoke(null, json);
      JSON.deserialize(doc.toString(), model);
    } catch (InvocationTargetException e) {
      out.add(where + ": " + brief(e.getCause().getMessage()));
    } catch (JsonParseException | IllegalArgumentException e) {
      out.add(where + ": " + brief(e.getMessage()));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void container(String where, JsonNode c, Set<String> secrets, List<String> out) {
    String image = c.path("image").asText();
    if (!Yaml.pinned(image)) out.add(where + ": image " + image + " is not pinned to a version");
    Set<String> fromSecrets = new TreeSet<>();
    for (JsonNode e : Yaml.each(c.path("env"))) {
      String name = e.path("name").asText();
      JsonNode ref = e.path("valueFrom").path("secretKeyRef");
      if (!ref.isMissingNode()) {
        fromSecrets.add(name);
        if (!secrets.contains(ref.path("name").asText())) out.add(where + ": " + name + " reads secret " + ref.path("name").asText() + ", which the kustomization does not generate");
      } else if (Yaml.SECRET_NAME.matcher(name).matches() && !onlySecretReferences(e.path("value").asText(""), fromSecrets)) {
        out.add(where + ": " + name + " is written as a value; take it from a Secret (valueFrom.secretKeyRef)");
      }
    }
    Stream.concat(Yaml.each(c.path("command")).stream(), Yaml.each(c.path("args")).stream())
        .filter(a -> a.asText().contains("--api-key"))
        .forEach(a -> out.add(where + ": an API key on the command line (use the engine's environment, from a Secret)"));
    if (isXdai(c)) {
      probe(where, c, "readinessProbe", READY, out);
      probe(where, c, "livenessProbe", LIVE, out);
    }
  }

  /** A value that refers to other variables ($(NAME)), each of them taken from a Secret. */
  private static boolean onlySecretReferences(String value, Set<String> fromSecrets) {
    Matcher m = REFERENCE.matcher(value);
    boolean any = false;
    while (m.find()) {
      if (!fromSecrets.contains(m.group(1))) return false;
      any = true;
    }
    return any;
  }

  private static void probe(String where, JsonNode c, String probe, String path, List<String> out) {
    JsonNode get = c.path(probe).path("httpGet");
    if (!path.equals(get.path("path").asText())) {
      out.add(where + ": no " + probe + " on " + path);
      return;
    }
    JsonNode port = get.path("port");
    boolean declared = Yaml.each(c.path("ports")).stream().anyMatch(p -> port.isInt()
        ? p.path("containerPort").asInt() == port.asInt() : p.path("name").asText().equals(port.asText()));
    if (!declared) out.add(where + ": " + probe + " on port " + port.asText() + ", which the container does not declare");
  }

  private static boolean isXdai(JsonNode container) {
    return container.path("image").asText().startsWith("xdai:");
  }

  /** Every manifest in the directory is applied, and every one applied exists. */
  private static List<String> layout(Kustomization k) {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(k.dir())) {
      files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml"))
          .filter(f -> !k.resources().contains(f)).forEach(f -> out.add("kustomization: " + f + " is not in its resources"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    k.resources().stream().filter(r -> !Files.isRegularFile(k.dir().resolve(r)))
        .forEach(r -> out.add("kustomization: resource " + r + " does not exist"));
    return out;
  }

  /** A model's message without the whole resource it quotes after "JSON:". */
  private static String brief(String message) {
    if (message == null) return "invalid";
    int json = message.indexOf(" JSON: ");
    String m = json < 0 ? message : message.substring(0, json);
    return m.length() > 300 ? m.substring(0, 300) + "…" : m;
  }
}
