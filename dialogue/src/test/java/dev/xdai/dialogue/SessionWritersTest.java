package dev.xdai.dialogue;

import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.dialogue.DialogueService.Ownership;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One write-behind owner or any number of sharing services per graph, never a mix: checked against a real graph. */
class SessionWritersTest {

  static final Duration TTL = Duration.ofMillis(900);
  final String run = UUID.randomUUID().toString();

  @BeforeEach
  @AfterEach
  void noWritersLeft() {
    SharedTestGraph.get().update("MATCH (w:SessionWriter) DELETE w", java.util.Map.of());
  }

  SessionWriters register(String name, Ownership ownership) {
    return SessionWriters.register(SharedTestGraph.get(), run + name, name, ownership, TTL);
  }

  @Test
  void sharingServicesJoinEachOtherButAnOwnerIsRefusedWhileTheyRun() {
    try (SessionWriters a = register("replica-a", Ownership.SHARED); SessionWriters b = register("replica-b", Ownership.SHARED)) {
      var refused = assertThrows(SessionWriters.ClashException.class, () -> register("laptop", Ownership.OWNED));
      assertTrue(refused.getMessage().contains("replica-a") && refused.getMessage().contains("write-behind=false"), refused.getMessage());
    }
    register("laptop", Ownership.OWNED).close(); // free once they stopped
  }

  @Test
  void anOwnerKeepsSharingServicesOutAndItsOwnRestartTakesItsPlace() {
    SessionWriters owner = register("laptop", Ownership.OWNED);
    assertThrows(SessionWriters.ClashException.class, () -> register("replica-a", Ownership.SHARED));
    assertThrows(SessionWriters.ClashException.class, () -> register("other-laptop", Ownership.OWNED));
    // the owner is killed: its registration is not renewed, and the same service started again takes its place at once
    SessionWriters restarted = register("laptop", Ownership.OWNED);
    restarted.close();
    owner.close();
  }

  @Test
  void aRegistrationRenewedWhileItsServiceRunsOutlivesItsTimeToLive() throws Exception {
    try (SessionWriters a = register("replica-a", Ownership.SHARED)) {
      Thread.sleep(TTL.toMillis() * 3);
      assertThrows(SessionWriters.ClashException.class, () -> register("laptop", Ownership.OWNED));
    }
  }
}
