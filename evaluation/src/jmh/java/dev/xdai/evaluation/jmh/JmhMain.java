package dev.xdai.evaluation.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xdai.evaluation.bench.MachineInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks with JMH's own command line (what {@code -Djmh.args} passes) and saves the results, with the
 * machine, date and command, as {@code results/jmh.json} for the results page.
 */
public final class JmhMain {

  public static void main(String[] args) throws Exception {
    Path raw = Files.createTempFile("jmh", ".json");
    CommandLineOptions cli = new CommandLineOptions(args);
    new Runner(new OptionsBuilder().parent(cli).resultFormat(ResultFormatType.JSON).result(raw.toString()).build()).run();
    ObjectMapper json = new ObjectMapper();
    JsonNode results = json.readTree(raw.toFile());
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("kind", "jmh");
    record.put("machine", MachineInfo.current().asMap());
    record.put("results", results);
    record.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    record.put("command", "./mvnw -B -q -f evaluation/pom.xml -Pjmh test-compile exec:exec -Djmh.args=\"" + String.join(" ", args) + "\"");
    Path out = Path.of("results", "jmh.json");
    Files.createDirectories(out.getParent());
    json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), record);
    Files.deleteIfExists(raw);
    System.out.println("wrote " + out.toAbsolutePath());
  }
}
