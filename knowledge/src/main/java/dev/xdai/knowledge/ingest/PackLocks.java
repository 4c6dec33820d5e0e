package dev.xdai.knowledge.ingest;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per pack name for this JVM: imports, deletes and re-indexing of the same pack run one at a time (two
 * concurrent imports into one pack would each delete what the other just wrote). Different packs run in parallel.
 */
final class PackLocks {
  private static final ConcurrentHashMap<String, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private PackLocks() {}

  static ReentrantLock of(String pack) {
    return LOCKS.computeIfAbsent(pack, p -> new ReentrantLock());
  }
}
