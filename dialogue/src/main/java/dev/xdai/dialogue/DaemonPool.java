package dev.xdai.dialogue;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Bounded pools of daemon threads for work done ahead of a turn: a full queue rejects, and the turn does the work. */
final class DaemonPool {

  private DaemonPool() {}

  /** {@code threads} named {@code name}, idle ones ended after 30 s, at most {@code queue} tasks waiting. */
  static ThreadPoolExecutor of(String name, int threads, int queue) {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
        Thread.ofPlatform().daemon().name(name + "-", 0).factory(), new ThreadPoolExecutor.AbortPolicy());
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
