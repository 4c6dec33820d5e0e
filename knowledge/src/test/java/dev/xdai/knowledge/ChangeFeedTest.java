package dev.xdai.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.graph.GraphConnection;
import dev.xdai.knowledge.ingest.ImportFormat;
import dev.xdai.knowledge.ingest.KnowledgeImporter;
import dev.xdai.knowledge.ingest.PackLocks;
import dev.xdai.knowledge.ingest.Packs;
import dev.xdai.knowledge.sync.IndexSync;
import dev.xdai.knowledge.sync.KnowledgeSink;
import dev.xdai.knowledge.sync.PackChanges;
import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.retrieval.KnowledgeQuery;
import dev.xdai.retrieval.Retrieval;
import dev.xdai.retrieval.testing.HashingEmbedder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas over one graph, each with its own index: what one imports or deletes reaches the other's index when its
 * change feed catches up, pack by pack, and a replica started again catches up with what changed while it was down.
 */
class ChangeFeedTest {

  static final String PACK = "t-feed";
  @TempDir Path dir;
  GraphConnection graph = TestGraph.get();
  Retrieval indexA;
  Retrieval indexB;
  IndexSync replicaA;
  IndexSync replicaB;

  @BeforeEach
  void start() {
    indexA = Retrieval.open(Retrieval.Settings.defaults(null), new HashingEmbedder(64));
    indexB = Retrieval.open(Retrieval.Settings.defaults(null), new HashingEmbedder(64));
    replicaA = new IndexSync(graph, KnowledgeSink.of(indexA.feed()));
    replicaB = new IndexSync(graph, KnowledgeSink.of(indexB.feed()), Optional.of(dir.resolve("index-sync.json")));
    replicaB.atStartup(); // an empty index: rebuilt, its versions recorded
  }

  @AfterEach
  void stop() {
    new Packs(graph, null).delete(PACK);
    indexA.close();
    indexB.close();
  }

  @AfterAll
  static void cleanUp() {
    new Packs(TestGraph.get(), null).delete(PACK);
  }

  private void importThroughA(String csv) {
    new KnowledgeImporter(graph, replicaA).importStream(PACK, "clinic.csv", ImportFormat.TRIPLES, null,
        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
  }

  private List<String> foundOnB(String question) {
    return indexB.source().retrieve(KnowledgeQuery.qa(question, List.of(), Set.of(PACK), 3)).stream().map(KnowledgeItem::text).toList();
  }

  @Test
  void anImportAndADeleteThroughOneReplicaReachTheOthersIndex() {
    importThroughA("星光诊所,停车场,地下二层有四十个车位\n");
    assertTrue(foundOnB("星光诊所的停车场在哪").isEmpty());
    PackChanges caught = replicaB.catchUp();
    assertTrue(caught.changed().contains(PACK), caught.toString());
    assertTrue(foundOnB("星光诊所的停车场在哪").contains("地下二层有四十个车位"));
    assertTrue(replicaB.catchUp().isEmpty(), "nothing changed since: nothing to do");

    importThroughA("星光诊所,停车场,地下一层有二十个车位\n");
    assertTrue(replicaB.catchUp().changed().contains(PACK));
    assertEquals(List.of("地下一层有二十个车位"), foundOnB("星光诊所的停车场在哪"));

    assertTrue(new Packs(graph, replicaA).delete(PACK));
    PackChanges deleted = replicaB.catchUp();
    assertTrue(deleted.gone().contains(PACK), deleted.toString());
    assertTrue(foundOnB("星光诊所的停车场在哪").isEmpty());
  }

  @Test
  void aReplicaStartedAgainCatchesUpWithWhatChangedWhileItWasDown() throws Exception {
    importThroughA("星光诊所,电话,010-6666-8888\n");
    replicaB.catchUp();
    assertTrue(Files.exists(dir.resolve("index-sync.json")));
    // B goes down; A changes the pack; B starts again on its own index and versions
    importThroughA("星光诊所,电话,010-6666-9999\n");
    IndexSync restarted = new IndexSync(graph, KnowledgeSink.of(indexB.feed()), Optional.of(dir.resolve("index-sync.json")));
    assertTrue(restarted.atStartup().isEmpty(), "the index is known: no rebuild, only the changed pack");
    assertEquals(List.of("010-6666-9999"), foundOnB("星光诊所的电话是多少"));
  }

  @Test
  void aPackThisProcessIsImportingIsLeftToTheImportAndTakenUpOnTheNextLook() throws Exception {
    importThroughA("星光诊所,地址,和平路1号\n");
    ReentrantLock lock = PackLocks.of(PACK);
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    Thread importer = new Thread(() -> {
      lock.lock();
      try {
        held.countDown();
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        lock.unlock();
      }
    });
    importer.start();
    held.await();
    assertFalse(replicaB.catchUp().changed().contains(PACK));
    done.countDown();
    importer.join();
    assertTrue(replicaB.catchUp().changed().contains(PACK), "the clock did not move, but the last look was incomplete");
    assertEquals(List.of("和平路1号"), foundOnB("星光诊所的地址"));
  }
}
