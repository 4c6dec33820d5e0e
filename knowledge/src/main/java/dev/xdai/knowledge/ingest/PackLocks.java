package dev.xdai.knowledge.ingest;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per pack name for this JVM: imports, deletes and re-indexing of the same pack run one at a time (two
 * concurrent imports into one pack would each delete what the other just wrote). Different packs run in parallel. The
 * index's change feed leaves a pack alone while its lock is held here.
 */
public final class PackLocks {
  private static final ConcurrentHashMap<String, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private PackLocks() {}

  public static ReentrantLock of(String pack) {
    return LOCKS.computeIfAbsent(pack, p -> new ReentrantLock());
  }
}
