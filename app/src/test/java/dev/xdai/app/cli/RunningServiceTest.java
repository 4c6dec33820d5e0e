package dev.xdai.app.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunningServiceTest {

  @TempDir Path data;

  @Test
  void aRecordedLiveServiceIsFound() {
    RunningService.record(data, URI.create("http://127.0.0.1:18080"));
    RunningService found = RunningService.find(data).orElseThrow();
    assertEquals(URI.create("http://127.0.0.1:18080"), found.url());
    assertEquals(ProcessHandle.current().pid(), found.pid());
  }

  @Test
  void aDeadProcessOrAnUnreadableFileIsNoService() throws Exception {
    assertTrue(RunningService.find(data).isEmpty());
    Files.writeString(data.resolve(RunningService.FILE), "{\"url\":\"http://127.0.0.1:1\",\"pid\":" + Long.MAX_VALUE + "}");
    assertTrue(RunningService.find(data).isEmpty());
    Files.writeString(data.resolve(RunningService.FILE), "{not json");
    assertTrue(RunningService.find(data).isEmpty());
  }
}
