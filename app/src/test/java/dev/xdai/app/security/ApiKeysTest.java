package dev.xdai.app.security;

import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.dialogue.Access;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {

  @TempDir Path dir;

  @Test
  void aCreatedKeyAuthenticatesUntilRevokedAndOnlyItsHashIsStored() throws Exception {
    ApiKeys keys = new ApiKeys(dir.resolve("keys.json"));
    assertFalse(keys.anyActive());
    ApiKeys.Created c = keys.create("front-desk", ApiKeys.Role.CHAT, List.of("receptionist"));
    assertTrue(c.secret().startsWith(ApiKeys.PREFIX) && c.secret().length() > 40, c.secret());
    String file = Files.readString(keys.file());
    assertFalse(file.contains(c.secret().substring(ApiKeys.PREFIX.length())), "the secret is never stored");
    assertTrue(file.contains(ApiKeys.hash(c.secret())));
    // the stored form: lower-case hex SHA-256 of the UTF-8 secret (FIPS 180-2's "abc" vector), so older files still verify
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeys.hash("abc"));
    ApiKeys.Key k = keys.authenticate(c.secret()).orElseThrow();
    assertEquals(new Access("front-desk", false, Set.of("receptionist")), k.access());
    assertTrue(keys.authenticate(c.secret() + "x").isEmpty());
    assertTrue(keys.authenticate("").isEmpty());
    assertTrue(keys.authenticate(null).isEmpty());
    assertTrue(keys.revoke("front-desk"));
    assertFalse(keys.revoke("front-desk"), "already revoked");
    assertTrue(keys.authenticate(c.secret()).isEmpty());
    assertFalse(keys.anyActive());
    assertEquals(1, keys.list().size(), "a revoked key stays listed");
  }

  @Test
  void anotherProcessSeesAKeyMadeOrRevokedAtOnce() {
    ApiKeys service = new ApiKeys(dir.resolve("keys.json"));
    ApiKeys cli = new ApiKeys(dir.resolve("keys.json"));
    assertTrue(service.authenticate("xdai-nothing").isEmpty()); // the service has read the (absent) file
    ApiKeys.Created c = cli.create("ops", ApiKeys.Role.ADMIN, List.of("ignored"));
    ApiKeys.Key seen = service.authenticate(c.secret()).orElseThrow();
    assertEquals(Access.class, seen.access().getClass());
    assertTrue(seen.access().everySession() && seen.bots().isEmpty(), "an admin key reaches every session and bot");
    cli.revoke("ops");
    assertTrue(service.authenticate(c.secret()).isEmpty());
  }

  @Test
  void namesAreCheckedAndNeverReused() {
    ApiKeys keys = new ApiKeys(dir.resolve("keys.json"));
    for (String bad : new String[] {"", " a", "-x", "a/b", "x".repeat(65), null}) {
      assertThrows(IllegalArgumentException.class, () -> keys.create(bad, ApiKeys.Role.CHAT, List.of()), String.valueOf(bad));
    }
    keys.create("a", ApiKeys.Role.CHAT, List.of());
    keys.revoke("a");
    var again = assertThrows(IllegalArgumentException.class, () -> keys.create("a", ApiKeys.Role.CHAT, List.of()));
    assertTrue(again.getMessage().contains("exists"), again.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ApiKeys.Role.parse("root"));
  }

  @Test
  void concurrentWritersLoseNoKey() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<ApiKeys.Created>> made = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      String name = "k" + i;
      made.add(pool.submit(() -> new ApiKeys(dir.resolve("keys.json")).create(name, ApiKeys.Role.CHAT, List.of())));
    }
    ApiKeys reader = new ApiKeys(dir.resolve("keys.json"));
    for (Future<ApiKeys.Created> f : made) assertTrue(reader.authenticate(f.get().secret()).isPresent());
    pool.shutdown();
    assertEquals(24, reader.list().size());
  }

  @Test
  void anUnreadableFileRefusesEveryoneRatherThanOpeningTheDoor() throws Exception {
    Files.writeString(dir.resolve("keys.json"), "{not json");
    ApiKeys keys = new ApiKeys(dir.resolve("keys.json"));
    assertThrows(IllegalStateException.class, keys::anyActive);
  }
}
