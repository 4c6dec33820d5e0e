package dev.xdai.knowledge.ingest;

import dev.xdai.graph.GraphConnection;
import dev.xdai.knowledge.sync.IndexSync;
import dev.xdai.knowledge.sync.SyncResult;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Imports files or streams into a named pack (see {@link ImportFormat}) and then syncs the pack into the retrieval
 * index. The source name identifies what a re-import replaces: by default a file's absolute path, so importing the same
 * file again replaces its knowledge, while two files (film/dev.json, music/dev.json) add up in one pack.
 * Thread-safe; imports into the same pack are serialised.
 */
public final class KnowledgeImporter {

  public static final int DEFAULT_BATCH = 2_000;
  /** Parallel write transactions per batch: two keep both cores of a small machine (and the server) busy. */
  public static final int DEFAULT_WRITERS = 2;

  private final GraphConnection graph;
  private final IndexSync sync; // null: no index sync
  private final int batchSize;
  private final int writers;

  /** @param sync the index to keep in step, or null to import into the graph only */
  public KnowledgeImporter(GraphConnection graph, IndexSync sync) {
    this(graph, sync, DEFAULT_BATCH, DEFAULT_WRITERS);
  }

  /**
   * @param batchSize rows per write batch
   * @param writers   parallel write transactions per batch (1 = sequential)
   */
  public KnowledgeImporter(GraphConnection graph, IndexSync sync, int batchSize, int writers) {
    this.graph = graph;
    this.sync = sync;
    this.batchSize = batchSize;
    this.writers = writers;
  }

  /** Imports one file (FAQ files with the default field names) and syncs the pack. */
  public ImportResult importFile(String pack, ImportFormat format, Path file) {
    return importFiles(pack, format, List.of(file), FaqFields.DEFAULT).get(0);
  }

  /** Imports several files of one format into a pack; the index is synced once at the end. */
  public List<ImportResult> importFiles(String pack, ImportFormat format, List<Path> files, FaqFields faqFields) {
    ReentrantLock lock = PackLocks.of(PackName.check(pack));
    lock.lock();
    try {
      List<ImportResult> results = new ArrayList<>();
      for (Path file : files) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
          String source = file.toAbsolutePath().normalize().toString();
          results.add(importLocked(pack, source, format.cliName(), reader(format, file.getFileName().toString(), faqFields), in));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot import " + file + ": " + e.getMessage(), e);
        }
      }
      syncIndex(pack);
      return results;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Imports a stream under an explicit source name (re-importing the same name replaces that source's knowledge) and
   * syncs the pack. The stream is read, not closed.
   */
  public ImportResult importStream(String pack, String sourceName, ImportFormat format, FaqFields faqFields, InputStream in) {
    return importStream(pack, sourceName, format.cliName(), reader(format, sourceName, faqFields), in, true);
  }

  /** As above with any reader; {@code syncIndex} false leaves the index to the caller (several sources in a row). */
  public ImportResult importStream(String pack, String sourceName, String formatName, KnowledgeReader reader, InputStream in,
      boolean syncIndex) {
    ReentrantLock lock = PackLocks.of(PackName.check(pack));
    lock.lock();
    try {
      ImportResult result = importLocked(pack, sourceName, formatName, reader, in);
      if (syncIndex) syncIndex(pack);
      return result;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // the file, not the machine, is at fault: the caller hears what is wrong with it
      throw new IllegalArgumentException("cannot import " + sourceName + " as " + formatName + ": " + e.getOriginalMessage(), e);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalArgumentException("cannot import " + sourceName + ": it is not UTF-8 text", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot import " + sourceName + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** Pushes the pack into the index now (when this importer has one). */
  public Optional<SyncResult> syncIndex(String pack) {
    return sync == null ? Optional.empty() : Optional.of(sync.syncPack(pack));
  }

  private ImportResult importLocked(String pack, String source, String format, KnowledgeReader reader, InputStream in)
      throws IOException {
    PackWriter writer = new PackWriter(graph, pack, source, format, batchSize, writers);
    reader.read(in, writer);
    return writer.finish();
  }

  /** The reader for a format; {@code name} (a file name) gives a document's default title. */
  public static KnowledgeReader reader(ImportFormat format, String name, FaqFields faqFields) {
    return switch (format) {
      case KDCONV -> new KdConvReader();
      case TRIPLES -> new TriplesCsvReader();
      case FAQ -> new FaqReader(faqFields == null ? FaqFields.DEFAULT : faqFields);
      case TEXT -> new DocumentReader(stem(name));
    };
  }

  private static String stem(String name) {
    String base = name == null ? "" : Path.of(name).getFileName().toString();
    int dot = base.lastIndexOf('.');
    return dot > 0 ? base.substring(0, dot) : base;
  }
}
