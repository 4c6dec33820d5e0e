package dev.xdai.knowledge.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xdai.knowledge.ingest.FaqFields;
import dev.xdai.knowledge.ingest.ImportFormat;
import dev.xdai.knowledge.ingest.PackName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A shipped pack's {@code pack.json}: name, title, description, seed concepts and the files to import with their
 * formats (FAQ files may name their fields, as in {@link FaqFields#parse}).
 */
public record PackManifest(String name, String title, String description, List<String> seeds, List<PackFile> files) {

  /** One file of a pack: a path relative to the pack's folder, its format, and FAQ field names if not the default. */
  public record PackFile(String path, ImportFormat format, FaqFields faqFields) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public static PackManifest parse(byte[] json) throws IOException {
    JsonNode root = MAPPER.readTree(json);
    String name = PackName.check(root.path("name").asText(""));
    List<String> seeds = new ArrayList<>();
    root.path("seeds").forEach(s -> seeds.add(s.asText()));
    List<PackFile> files = new ArrayList<>();
    for (JsonNode f : root.path("files")) {
      String path = f.path("path").asText("");
      if (path.isBlank() || path.contains("..")) throw new IOException("bad file path in pack " + name + ": '" + path + "'");
      FaqFields fields = f.hasNonNull("fields") ? FaqFields.parse(f.get("fields").asText()) : FaqFields.DEFAULT;
      files.add(new PackFile(path, ImportFormat.parse(f.path("format").asText("")), fields));
    }
    if (files.isEmpty()) throw new IOException("pack " + name + " lists no files");
    return new PackManifest(name, root.path("title").asText(name), root.path("description").asText(""), List.copyOf(seeds),
        List.copyOf(files));
  }
}
