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

  @Test
  void aUrlNamesAnyReplicaElseTheServiceOfThisDataDirectoryIsTheTarget() {
    assertTrue(ServiceTarget.find(data, null).isEmpty());
    RunningService.record(data, URI.create("http://127.0.0.1:18080"));
    assertEquals(URI.create("http://127.0.0.1:18080"), ServiceTarget.find(data, null).orElseThrow().url());
    ServiceTarget replica = ServiceTarget.find(data, new ServiceUrl().convert("http://10.0.0.5:8081")).orElseThrow();
    assertEquals(URI.create("http://10.0.0.5:8081"), replica.url());
    assertEquals(URI.create("http://10.0.0.5:8081/api/sessions"), replica.request("/api/sessions").build().uri());
    for (String bad : new String[] {"10.0.0.5:8081", "ftp://host/", "http://", "not a url"}) {
      assertThrows(picocli.CommandLine.TypeConversionException.class, () -> new ServiceUrl().convert(bad), bad);
    }
  }

  @Test
  void anApiKeyIsSentAsABearerToken() {
    var request = new ServiceTarget(URI.create("http://127.0.0.1:8080"), dev.xdai.evaluation.cli.ClientKey.of("xk-secret")).request("/api/personas").build();
    assertEquals("Bearer xk-secret", request.headers().firstValue("Authorization").orElseThrow());
    var open = new ServiceTarget(URI.create("http://127.0.0.1:8080"), dev.xdai.evaluation.cli.ClientKey.of(null)).request("/api/personas").build();
    assertTrue(open.headers().firstValue("Authorization").isEmpty());
  }
}
