package dev.xdai.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.app.security.ApiKeys;
import dev.xdai.evaluation.cli.ClientKey;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal clients against the running service with access control on: they send the key from XDAI_API_KEY, and
 * a refusal tells the person what to do. Keys exist only while this class runs (see AccessControlTest).
 */
@QuarkusTest
class ClientKeysTest {

  static final Path KEYS = Path.of(System.getProperty("user.dir"), "target", "test-data", "keys.json");

  static String admin;
  static String chat;

  @TestHTTPResource("/")
  URI base;

  @TempDir
  Path dir;

  @BeforeAll
  static void keys() throws Exception {
    Files.deleteIfExists(KEYS);
    ApiKeys keys = new ApiKeys(KEYS);
    admin = keys.create("cli-admin", ApiKeys.Role.ADMIN, List.of()).secret();
    chat = keys.create("cli-chat", ApiKeys.Role.CHAT, List.of("xiaodai")).secret();
  }

  @AfterAll
  static void accessControlOff() throws Exception {
    Files.deleteIfExists(KEYS);
  }

  @Test
  void theTerminalChatSendsItsKeyAndSaysWhatToDoWithout() throws Exception {
    RemoteChat withKey = new RemoteChat(new ServiceTarget(base, ClientKey.of(chat)));
    ChatCommand.Opened opened = withKey.open("xiaodai", null);
    assertEquals("小呆", opened.botName()); // read from the persona's file form
    assertFalse(opened.greeting().isBlank());
    ByteArrayOutputStream shown = new ByteArrayOutputStream();
    ChatCommand.Answered answered = withKey.turn(opened.sessionId(), "你好", null,
        new TerminalStream(new PrintStream(shown, true, StandardCharsets.UTF_8), false));
    assertFalse(answered.reply().isBlank());

    var refused = assertThrows(ChatCommand.ChatFailure.class, () -> new RemoteChat(new ServiceTarget(base, ClientKey.of(null))).open("xiaodai", null));
    assertTrue(refused.getMessage().contains("set XDAI_API_KEY") && refused.getMessage().contains("401"), refused.getMessage());
    var unknown = assertThrows(ChatCommand.ChatFailure.class, () -> new RemoteChat(new ServiceTarget(base, ClientKey.of("xdai-nope"))).open("xiaodai", null));
    assertTrue(unknown.getMessage().contains("not known to the service"), unknown.getMessage());
  }

  @Test
  void importGoesThroughTheAdminApiWithAnAdminKeyOnly() throws Exception {
    Path csv = Files.writeString(dir.resolve("cli.csv"), "命令行,用途,导入知识\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(1, new RemoteImport(new ServiceTarget(base, ClientKey.of(chat)), o, e).run("t-cli-keys", "triples", null, List.of(csv)));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("check the role"), err.toString(StandardCharsets.UTF_8));
    assertEquals(0, new RemoteImport(new ServiceTarget(base, ClientKey.of(admin)), o, e).run("t-cli-keys", "triples", null, List.of(csv)),
        err.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("pack t-cli-keys"), out.toString(StandardCharsets.UTF_8));
    io.restassured.RestAssured.given().header("Authorization", "Bearer " + admin).when().delete("/api/admin/packs/t-cli-keys")
        .then().statusCode(org.hamcrest.Matchers.oneOf(200, 204));
  }
}
