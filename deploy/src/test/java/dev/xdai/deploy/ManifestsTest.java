package dev.xdai.deploy;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The deployment description in deploy/ is valid: the Compose file against the Compose specification's schema, the
 * Kubernetes manifests against the Kubernetes API's model, both against the project's rules, and the image against
 * the build and the launcher. Each check is shown to refuse a manifest broken the way it guards against.
 */
class ManifestsTest {

  /** This module's directory: deploy/. */
  static final Path DEPLOY = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
  static final ComposeCheck COMPOSE = new ComposeCheck(DEPLOY.resolve("schemas/compose-spec.json"));
  static final KubernetesCheck.Kustomization K8S = KubernetesCheck.Kustomization.read(DEPLOY.resolve("k8s"));

  static JsonNode compose() {
    return Yaml.documents(DEPLOY.resolve("compose.yaml")).get(0);
  }

  @Test
  void theComposeFileMeetsTheSpecificationAndTheRules() {
    assertEquals(List.of(), COMPOSE.problems(compose()));
  }

  @Test
  void theKubernetesManifestsMeetTheApiAndTheRules() {
    assertEquals(List.of(), KubernetesCheck.problems(K8S));
    Set<String> kinds = new TreeSet<>();
    K8S.manifests().forEach(m -> kinds.add(m.doc().path("kind").asText()));
    assertTrue(kinds.containsAll(Set.of("Deployment", "StatefulSet", "Service", "Ingress", "PodDisruptionBudget")), kinds.toString());
  }

  static void assertRefused(List<String> problems, String expected) {
    assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected a problem with '" + expected + "': " + problems);
  }

  static ObjectNode xdaiService(ObjectNode compose) {
    return (ObjectNode) compose.path("services").path("xdai");
  }

  static List<String> composeProblems(Consumer<ObjectNode> breakIt) {
    return COMPOSE.problems(Yaml.edited(compose(), breakIt));
  }

  @Test
  void aBrokenComposeFileIsRefused() {
    assertRefused(composeProblems(c -> xdaiService(c).set("healthchek", xdaiService(c).get("healthcheck"))), "schema:");
    assertRefused(composeProblems(c -> xdaiService(c).put("restart", 3)), "schema:");
    assertRefused(composeProblems(c -> ((ObjectNode) xdaiService(c).path("deploy")).put("replicas", 1)), "1 replica(s)");
    assertRefused(composeProblems(c -> ((ObjectNode) c.path("services").path("lb")).put("image", "nginx:latest")), "not pinned");
    assertRefused(composeProblems(c -> ((ObjectNode) c.path("services").path("lb")).put("image", "nginx")), "not pinned");
    assertRefused(composeProblems(c -> ((ObjectNode) xdaiService(c).path("environment")).put("XDAI_GRAPH_PASSWORD", "hunter2")),
        "XDAI_GRAPH_PASSWORD puts a secret in the environment");
    assertRefused(composeProblems(c -> ((ObjectNode) c.path("secrets").path("graph_password")).remove("file")), "must come from a file");
    assertRefused(composeProblems(c -> xdaiService(c).remove("healthcheck")), "no health check on /q/health/ready");
  }

  /** The xdai Deployment as the manifests have it, changed. */
  static List<String> deploymentProblems(Consumer<ObjectNode> breakIt) {
    KubernetesCheck.Manifest xdai = K8S.manifests().stream()
        .filter(m -> m.doc().path("kind").asText().equals("Deployment") && m.doc().path("metadata").path("name").asText().equals("xdai"))
        .findFirst().orElseThrow();
    return KubernetesCheck.problems(new KubernetesCheck.Manifest(xdai.where(), Yaml.edited(xdai.doc(), breakIt)), K8S.secrets());
  }

  static ObjectNode container(ObjectNode deployment) {
    return (ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").path(0);
  }

  @Test
  void brokenKubernetesManifestsAreRefused() {
    // the API's model: an unknown field (a typo), a missing required one, a value of the wrong type
    assertRefused(deploymentProblems(d -> container(d).set("readinesProbe", container(d).remove("readinessProbe"))),
        "The field `readinesProbe` in the JSON string is not defined in the `V1Container` properties");
    assertRefused(deploymentProblems(d -> ((ObjectNode) d.path("spec")).remove("selector")), "selector");
    assertRefused(deploymentProblems(d -> ((ObjectNode) d.path("spec")).put("replicas", "three")), "NumberFormatException");
    // the project's rules
    assertRefused(deploymentProblems(d -> container(d).remove("readinessProbe")), "no readinessProbe on /q/health/ready");
    assertRefused(deploymentProblems(d -> container(d).remove("livenessProbe")), "no livenessProbe on /q/health/live");
    assertRefused(deploymentProblems(d -> ((ObjectNode) d.path("spec")).put("replicas", 1)), "1 replica(s) of xdai");
    assertRefused(deploymentProblems(d -> container(d).put("image", "xdai")), "not pinned");
    assertRefused(deploymentProblems(d -> container(d).withArray("env").addObject().put("name", "XDAI_GRAPH_PASSWORD").put("value", "hunter2")),
        "XDAI_GRAPH_PASSWORD is written as a value");
    assertRefused(deploymentProblems(d -> ((ObjectNode) container(d).withArray("env").path(1).path("valueFrom").path("secretKeyRef"))
        .put("name", "someone-elses")), "reads secret someone-elses, which the kustomization does not generate");
    var secret = KubernetesCheck.problems(new KubernetesCheck.Manifest("inline.yaml#1", Yaml.MAPPER.createObjectNode()
        .put("apiVersion", "v1").put("kind", "Secret").set("metadata", Yaml.MAPPER.createObjectNode().put("name", "graph"))), K8S.secrets());
    assertRefused(secret, "a Secret written in a manifest");
  }

  @Test
  void theImageIsBuiltFromTheBuildOutputAndRunsTheServiceAsTheLauncherDoes() throws IOException {
    String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
    Matcher from = Pattern.compile("(?m)^FROM\\s+(\\S+)").matcher(dockerfile);
    while (from.find()) assertTrue(Yaml.pinned(from.group(1)), "base image not pinned: " + from.group(1));
    Path root = DEPLOY.getParent();
    Matcher copy = Pattern.compile("(?m)^COPY\\s+(\\S+)\\s+\\S+").matcher(dockerfile);
    int copies = 0;
    while (copy.find()) {
      String source = copy.group(1);
      copies++;
      // What ./xdai build makes exists after a build; everything else is in the checkout.
      if (!source.contains("/target/")) assertTrue(Files.exists(root.resolve(source)), "the image copies " + source + ", which does not exist");
    }
    assertTrue(copies >= 4, dockerfile);
    String launcher = Files.readString(root.resolve("xdai"));
    String entrypoint = Files.readString(DEPLOY.resolve("xdai-entrypoint.sh"));
    for (String option : javaOptions(launcher)) assertTrue(entrypoint.contains(option), "the launcher runs java with " + option + ", the image does not");
    // every secret the Compose file hands over as a file is read by the entrypoint
    for (String service : List.of("graph", "xdai")) {
      compose().path("services").path(service).path("environment").properties().stream().map(e -> e.getKey())
          .filter(n -> n.endsWith("_FILE") && Yaml.SECRET_NAME.matcher(n).matches())
          .forEach(n -> assertTrue(entrypoint.contains(n.substring(0, n.length() - "_FILE".length())), n + " is not read by the entrypoint"));
    }
  }

  /** The java options of the launcher's run_app line (the one that starts the service jar). */
  static List<String> javaOptions(String launcher) {
    String line = launcher.lines().filter(l -> l.contains("--enable-native-access")).findFirst().orElseThrow();
    return Arrays.stream(line.trim().split("\\s+")).filter(t -> t.startsWith("--")).toList();
  }
}
