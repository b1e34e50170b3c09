package io.leadgate.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.leadgate.ConfigLoader;
import io.leadgate.GatewayConfig;
import io.leadgate.config.ConfigException;
import io.leadgate.http.Role;
import org.junit.jupiter.api.Test;

/** The {@code users}, {@code apiKeys[].role} and {@code console} settings: defaults, and messages naming the field. */
class ConsoleConfigTest {
  static final String HASH = "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";
  static final String KEY = "ab".repeat(32);

  static String message(String yaml) {
    return assertThrows(ConfigException.class, () -> new ConfigLoader().parse("sites: [{key: acme}]\n" + yaml, "t.yaml"))
        .getMessage();
  }

  static GatewayConfig parse(String yaml) {
    return new ConfigLoader().parse("sites: [{key: acme}]\n" + yaml, "t.yaml");
  }

  @Test
  void apiKey_withoutRole_isAdminAsBefore() {
    assertEquals(Role.ADMIN, parse("apiKeys: [{name: crm, sha256: " + KEY + "}]").apiKeys().get(0).access());
  }

  @Test
  void apiKey_withRole_keepsIt() {
    assertEquals(Role.VIEWER, parse("apiKeys: [{name: crm, sha256: " + KEY + ", role: Viewer}]").apiKeys().get(0).access());
  }

  @Test
  void apiKey_unknownRole_namesTheField() {
    assertEquals("config t.yaml: apiKeys[0].role: must be one of [viewer, sales, admin] (was \"owner\")",
        message("apiKeys: [{name: crm, sha256: " + KEY + ", role: owner}]"));
  }

  @Test
  void user_valid_isRead() {
    UserConfig user = parse("users: [{name: alice, role: sales, passwordHash: \"" + HASH + "\"}]").users().get(0);
    assertEquals(Role.SALES, user.access());
    assertEquals("UserConfig[name=alice, role=sales]", user.toString());
  }

  @Test
  void user_unknownRole_namesTheField() {
    assertEquals("config t.yaml: users[0].role: must be one of [viewer, sales, admin] (was \"boss\")",
        message("users: [{name: alice, role: boss, passwordHash: \"" + HASH + "\"}]"));
  }

  @Test
  void user_plainPassword_refusedNamingTheField() {
    assertEquals("config t.yaml: users[0].passwordHash: must be a BCrypt hash of cost 10 or more, as java -jar "
        + "leadgate.jar hash-password prints it", message("users: [{name: alice, role: admin, passwordHash: secret}]"));
  }

  @Test
  void user_cheapHash_refused() {
    String cost4 = "$2a$04$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";
    message("users: [{name: alice, role: admin, passwordHash: \"" + cost4 + "\"}]");
  }

  @Test
  void users_sameNameTwice_refused() {
    String user = "{name: alice, role: admin, passwordHash: \"" + HASH + "\"}";
    assertEquals(true, message("users: [" + user + ", " + user + "]").contains("users[].name"));
  }

  @Test
  void console_defaults() {
    ConsoleConfig console = parse("").console();
    assertEquals("12h", console.sessionTtl());
    assertEquals(10, console.signInsPerUser());
    assertEquals(30, console.signInsPerAddress());
    assertEquals("15m", console.signInWindow());
  }

  @Test
  void console_sessionTtlTooShort_namesTheField() {
    assertEquals("config t.yaml: console.sessionTtl: must be between 1m and 30d (was 10s)",
        message("console: {sessionTtl: 10s}"));
  }
}
