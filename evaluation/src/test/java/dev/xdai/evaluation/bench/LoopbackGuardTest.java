package dev.xdai.evaluation.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackGuardTest {

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:8080", "http://127.0.0.1:8080/", "http://127.3.2.1", "https://LOCALHOST",
      "http://[::1]:8080"})
  void loopbackUrlsPass(String url) {
    assertDoesNotThrow(() -> LoopbackGuard.require(URI.create(url)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://10.0.0.1:8080", "http://192.168.1.10", "http://172.16.0.1", "http://8.8.8.8",
      "http://example.com", "http://localhost.example.com", "http://0.0.0.0:8080", "http://128.0.0.1",
      "http://127.0.0.300", "http://[::2]", "ftp://127.0.0.1", "file:///tmp/x"})
  void everythingElseIsRefused(String url) {
    assertThrows(IllegalArgumentException.class, () -> LoopbackGuard.require(URI.create(url)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://10.0.0.1:8080", "http://example.com"})
  void theLoadGeneratorCannotBePointedElsewhere(String url) {
    assertThrows(IllegalArgumentException.class, () -> new LoadGenerator.Settings(URI.create(url), 1, Duration.ofSeconds(1),
        Duration.ofSeconds(1), null, List.of("你好")));
  }
}
