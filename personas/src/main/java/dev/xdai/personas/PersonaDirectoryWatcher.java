package dev.xdai.personas;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Watches content folders and reloads the registry when files in them change, so edits take effect without a
 * restart. Events are debounced: the reload runs once the folders have been quiet for the debounce period, so an
 * editor's save (write temp, rename, touch) costs one reload. A failed reload keeps the last good versions (see
 * {@link PersonaRegistry#reload()}).
 */
public final class PersonaDirectoryWatcher implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(PersonaDirectoryWatcher.class.getName());

  // How often a quiet watcher looks for watched folders that did not exist (or were deleted and re-created).
  private static final Duration RESCAN = Duration.ofSeconds(2);

  private final List<Path> folders;
  private final Runnable reload;
  private final Duration debounce;
  private final Object lock = new Object();
  private WatchService service;
  private Thread thread;
  private final Map<Path, WatchKey> keys = new HashMap<>();

  /** Watches {@code folders} (missing ones are picked up when they appear) and runs {@code reload} after changes. */
  public PersonaDirectoryWatcher(List<Path> folders, Runnable reload, Duration debounce) {
    this.folders = List.copyOf(folders);
    this.reload = reload;
    this.debounce = debounce;
  }

  /** Watches the registry's disk folders ({@link PersonaRegistry#watchableFolders()}) and reloads it. */
  public static PersonaDirectoryWatcher forRegistry(PersonaRegistry registry, Duration debounce) {
    return new PersonaDirectoryWatcher(registry.watchableFolders(), registry::reload, debounce);
  }

  /** Starts watching on a daemon thread; does nothing if already started. */
  public void start() throws IOException {
    synchronized (lock) {
      if (thread != null) return;
      service = FileSystems.getDefault().newWatchService();
      registerMissing();
      thread = Thread.ofPlatform().daemon().name("persona-watcher").start(this::run);
    }
  }

  /** Stops watching and waits for the watcher thread to end; a started watcher can not be restarted. */
  @Override
  public void close() {
    Thread t;
    synchronized (lock) {
      t = thread;
      if (service != null) {
        try {
          service.close(); // wakes the thread out of take() with ClosedWatchServiceException
        } catch (IOException e) {
          LOG.log(System.Logger.Level.WARNING, "closing the persona watch service failed", e);
        }
      }
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public boolean isRunning() {
    synchronized (lock) {
      return thread != null && thread.isAlive();
    }
  }

  private void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        WatchKey key = service.poll(RESCAN.toMillis(), TimeUnit.MILLISECONDS);
        if (key == null) {
          // Quiet: look for folders created (or re-created) since; their files are new content.
          if (registerMissing()) reloadQuietly();
          continue;
        }
        drain(key);
        WatchKey more;
        while ((more = service.poll(debounce.toMillis(), TimeUnit.MILLISECONDS)) != null) drain(more);
        registerMissing();
        reloadQuietly();
      }
    } catch (ClosedWatchServiceException | InterruptedException e) {
      // closed: the normal way out
    }
  }

  private void reloadQuietly() {
    try {
      reload.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "persona reload failed", e);
    }
  }

  // The events themselves do not matter: any change means "reload everything", which is cheap and never partial.
  private static void drain(WatchKey key) {
    key.pollEvents();
    key.reset();
  }

  // Returns true when a folder was newly registered.
  private boolean registerMissing() {
    boolean registered = false;
    synchronized (lock) {
      for (Path folder : folders) {
        WatchKey key = keys.get(folder);
        if ((key != null && key.isValid()) || !Files.isDirectory(folder)) continue;
        try {
          keys.put(folder, folder.register(service, StandardWatchEventKinds.ENTRY_CREATE,
              StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE));
          registered = true;
        } catch (IOException | ClosedWatchServiceException e) {
          LOG.log(System.Logger.Level.WARNING, "cannot watch " + folder, e);
        }
      }
    }
    return registered;
  }
}
