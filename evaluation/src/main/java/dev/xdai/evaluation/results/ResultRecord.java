package dev.xdai.evaluation.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/** One saved result: the JSON object a {@code --json} run printed last (or a JMH run's record), and its file. */
record ResultRecord(Path file, JsonNode json) {

  String kind() { return json.path("kind").asText(""); }

  String date() { return json.path("date").asText("?"); }

  String command() { return json.path("command").asText("?"); }

  /** The day of the run, {@code YYYY-MM-DD}. */
  String day() {
    String d = date();
    return d.length() >= 10 ? d.substring(0, 10) : d;
  }
}
