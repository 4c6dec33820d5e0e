package dev.xdai.app.security;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

  final AccessPolicy policy = new AccessPolicy(List.of("https://console.example.com"));

  @Test
  void administrationNeedsAnAdminKey() {
    assertTrue(AccessPolicy.needsAdmin("POST", "/api/admin/packs/x/import"));
    assertTrue(AccessPolicy.needsAdmin("GET", "api/admin/keys"));
    assertTrue(AccessPolicy.needsAdmin("PUT", "/api/personas/receptionist"));
    assertTrue(AccessPolicy.needsAdmin("delete", "/api/personas/receptionist"));
    assertTrue(AccessPolicy.needsAdmin("POST", "/api/personas/import/card-v2"));
    assertFalse(AccessPolicy.needsAdmin("GET", "/api/personas/receptionist"));
    assertFalse(AccessPolicy.needsAdmin("POST", "/api/sessions"));
    assertFalse(AccessPolicy.needsAdmin("POST", "/v1/chat/completions"));
    assertFalse(AccessPolicy.needsAdmin("GET", "/api/administrators")); // a prefix of a word is not the admin tree
  }

  @Test
  void onlyReadingTheConsolesPagesNeedsNoKey() {
    for (String page : new String[] {"/", "", "/personas", "/knowledge", "/status", "status/"}) {
      assertTrue(AccessPolicy.consolePage("GET", page), page);
    }
    assertTrue(AccessPolicy.consolePage("head", "/"));
    assertFalse(AccessPolicy.consolePage("POST", "/"));
    assertFalse(AccessPolicy.consolePage("GET", "/api/personas"));
    assertFalse(AccessPolicy.consolePage("GET", "/personas/x"));
    assertFalse(AccessPolicy.consolePage("GET", "/v1/models"));
  }

  @Test
  void crossSiteWritesAreRefusedSameSiteAndListedOriginsAndReadsAreNot() {
    assertTrue(policy.crossSite("POST", "http://evil.example", null, "127.0.0.1:8080").isPresent());
    assertTrue(policy.crossSite("POST", null, "cross-site", "127.0.0.1:8080").isPresent());
    assertTrue(policy.crossSite("DELETE", "null", null, "127.0.0.1:8080").isPresent());
    assertTrue(policy.crossSite("GET", "http://evil.example", "cross-site", "127.0.0.1:8080").isEmpty());
    assertTrue(policy.crossSite("POST", "http://127.0.0.1:8080", "same-origin", "127.0.0.1:8080").isEmpty());
    assertTrue(policy.crossSite("POST", "https://Console.Example.com:443", null, "api.example.com").isEmpty());
    assertTrue(policy.crossSite("POST", null, null, "127.0.0.1:8080").isEmpty(), "curl and SDKs send no Origin");
    assertTrue(policy.crossSite("POST", "http://127.0.0.1:9999", null, "127.0.0.1:8080").isPresent(), "another port is another site");
  }

  @Test
  void withoutKeysOnlyLoopbackMayBeBound() {
    for (String h : new String[] {"127.0.0.1", "localhost", "::1", "[::1]", "127.1.2.3"}) {
      assertTrue(AccessPolicy.loopback(h), h);
      assertTrue(AccessPolicy.bindRefusal(h, false).isEmpty(), h);
    }
    for (String h : new String[] {"0.0.0.0", "::", "192.168.1.5", "example.com", "127.0.0.1.example.com"}) {
      assertFalse(AccessPolicy.loopback(h), h);
      String why = AccessPolicy.bindRefusal(h, false).orElseThrow();
      assertTrue(why.contains(h) && why.contains("xdai keys create"), why);
      assertTrue(AccessPolicy.bindRefusal(h, true).isEmpty(), h);
    }
  }
}
