package dev.xdai.knowledge.demo;

import dev.xdai.graph.GraphConnection;
import dev.xdai.graph.GraphLease;
import dev.xdai.knowledge.curation.ConceptExpander;
import dev.xdai.knowledge.ingest.ImportResult;
import dev.xdai.knowledge.ingest.KnowledgeImporter;
import dev.xdai.knowledge.ingest.Packs;
import dev.xdai.knowledge.sync.IndexSync;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The packs shipped with xdai ({@code src/main/resources/knowledge/<pack>/pack.json} and its files), imported on first
 * start. Idempotent: a pack whose stored content hash matches the shipped files is left alone; a changed pack is
 * deleted and imported again (so files removed from a manifest disappear too), then indexed and expanded.
 */
public final class DemoPacks {

  /** The shipped packs; persona files name them in {@code packs:}. */
  public static final List<String> NAMES = List.of("clinic", "campus", "company");

  /** What happened to one pack: imported (with per-file results) or already current. */
  public record Outcome(String pack, boolean imported, List<ImportResult> results, ConceptExpander.Result expansion) {}

  private final GraphConnection graph;
  private final KnowledgeImporter importer;
  private final Packs packs;
  private final ConceptExpander expander;
  private final PackContent content;

  /** @param sync the index to keep in step, or null to import into the graph only */
  public DemoPacks(GraphConnection graph, IndexSync sync, PackContent content) {
    this.graph = graph;
    this.importer = new KnowledgeImporter(graph, sync);
    this.packs = new Packs(graph, sync);
    this.expander = new ConceptExpander(graph, ConceptExpander.Options.defaults());
    this.content = content;
  }

  /**
   * The shipped content: the classpath ({@code knowledge/}, as packaged by the app) when it has the packs; else
   * {@code <xdai-project.root>/src/main/resources/knowledge}.
   */
  public static PackContent defaultContent() {
    ClassLoader loader = DemoPacks.class.getClassLoader();
    if (loader.getResource("knowledge/" + NAMES.get(0) + "/pack.json") != null) return PackContent.classpath("knowledge/", loader);
    String root = System.getProperty("xdai-project.root", "");
    return PackContent.directory((root.isBlank() ? Path.of("") : Path.of(root)).resolve("src/main/resources/knowledge")
        .toAbsolutePath());
  }

  /**
   * Imports every shipped pack that is missing or changed. Replicas starting together over one graph take turns (a
   * lease in the graph): the first imports, the others then find the packs current.
   */
  public List<Outcome> ensureImported() {
    return new GraphLease(graph, "demo-packs").exclusively(IMPORT_LEASE, () -> {
      List<Outcome> outcomes = new ArrayList<>();
      for (String name : NAMES) outcomes.add(ensureImported(name));
      return outcomes;
    });
  }

  /** Longer than importing the shipped packs takes on a busy small machine. */
  private static final java.time.Duration IMPORT_LEASE = java.time.Duration.ofMinutes(10);

  /** Imports one shipped pack if it is missing or its files changed since it was imported. */
  public Outcome ensureImported(String name) {
    try {
      byte[] manifestBytes = read(name + "/pack.json");
      PackManifest manifest = PackManifest.parse(manifestBytes);
      if (!manifest.name().equals(name)) throw new IOException(name + "/pack.json names pack '" + manifest.name() + "'");
      List<byte[]> files = new ArrayList<>();
      for (PackManifest.PackFile f : manifest.files()) files.add(read(name + "/" + f.path()));
      String hash = hash(manifestBytes, files);
      if (hash.equals(storedHash(name))) return new Outcome(name, false, List.of(), null);

      if (packs.exists(name)) packs.delete(name);
      packs.describe(name, manifest.title(), manifest.description(), manifest.seeds());
      List<ImportResult> results = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        PackManifest.PackFile f = manifest.files().get(i);
        String source = "demo:" + name + "/" + f.path();
        try (InputStream in = new ByteArrayInputStream(files.get(i))) {
          results.add(importer.importStream(name, source, f.format().cliName(),
              KnowledgeImporter.reader(f.format(), f.path(), f.faqFields()), in, false));
        }
      }
      importer.syncIndex(name);
      ConceptExpander.Result expansion = expander.expand(name);
      graph.update("MATCH (p:Pack {name: $name}) SET p.contentHash = $hash, p.shipped = true",
          Map.of("name", name, "hash", hash));
      return new Outcome(name, true, List.copyOf(results), expansion);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot import shipped pack " + name + " from " + content.describe() + ": "
          + e.getMessage(), e);
    }
  }

  private String storedHash(String name) {
    var rows = graph.query("MATCH (p:Pack {name: $name}) RETURN p.contentHash AS hash", Map.of("name", name));
    return rows.isEmpty() || rows.get(0).get("hash").isNull() ? "" : rows.get(0).get("hash").asString();
  }

  private byte[] read(String path) throws IOException {
    try (InputStream in = content.open(path)) {
      return in.readAllBytes();
    }
  }

  private static String hash(byte[] manifest, List<byte[]> files) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(manifest);
      for (byte[] f : files) {
        sha.update((byte) 0);
        sha.update(f);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** For tools: does a directory look like a pack root (has the shipped packs' manifests)? */
  public static boolean isPackRoot(Path dir) {
    return NAMES.stream().allMatch(n -> Files.isRegularFile(dir.resolve(n).resolve("pack.json")));
  }
}
