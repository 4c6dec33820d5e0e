package dev.xdai.evaluation.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The module graph in docs/architecture.md is the one the poms declare: when a dependency between modules changes,
 * this fails and prints the block to paste.
 */
class ModuleGraphTest {

  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final String BEGIN = "<!-- module graph: checked against the poms by ModuleGraphTest -->";
  static final String END = "<!-- end of module graph -->";

  @Test
  void theArchitecturePageShowsTheModuleGraphOfThePoms() throws IOException {
    String page = Files.readString(ROOT.resolve("docs/architecture.md"));
    int begin = page.indexOf(BEGIN);
    int end = page.indexOf(END);
    assertTrue(begin >= 0 && end > begin, "docs/architecture.md lacks the module graph markers");
    String shown = page.substring(begin + BEGIN.length(), end).strip();
    String actual = graph();
    assertEquals(actual, shown, "paste this between the markers in docs/architecture.md:\n" + actual);
  }

  /** One line per module, in build order: the modules of ours it needs at compile time (test fixtures marked). */
  static String graph() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("```");
    Matcher modules = Pattern.compile("<module>([\\w-]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
    while (modules.find()) {
      String module = modules.group(1);
      String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
      TreeSet<String> needs = new TreeSet<>();
      Matcher dep = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(pom);
      while (dep.find()) {
        Matcher artifact = Pattern.compile("<artifactId>xdai-([\\w-]+)</artifactId>").matcher(dep.group(1));
        if (!artifact.find() || dep.group(1).contains("<scope>test</scope>")) continue;
        boolean fixtures = dep.group(1).contains("<type>test-jar</type>");
        boolean process = dep.group(1).contains("<scope>provided</scope>");
        needs.add(artifact.group(1) + (fixtures ? " (test fixtures)" : process ? " (as a process)" : ""));
      }
      lines.add(String.format("%-13s -> %s", module, needs.isEmpty() ? "(nothing of ours)" : String.join(", ", needs)));
    }
    lines.add("```");
    return String.join("\n", lines);
  }
}
