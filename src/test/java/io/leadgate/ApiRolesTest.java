package io.leadgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.http.Access;
import io.leadgate.testing.TestGateway;
import io.vertx.ext.web.Route;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every API route the gateway's real router has declares the role it needs, and the changes need more than read. */
class ApiRolesTest {
  static TestGateway gateway;

  @BeforeAll
  static void start() {
    gateway = TestGateway.start(new String(io.leadgate.core.Resources.read(ConfigLoader.BUNDLED_DEMO),
        java.nio.charset.StandardCharsets.UTF_8), null);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  /** "METHOD path" of every /api/ route with a method, and the role its metadata declares (null: none). */
  static Map<String, String> apiRoutes() {
    Map<String, String> roles = new TreeMap<>();
    for (Route route : gateway.gateway().router(gateway.vertx()).getRoutes()) {
      if (route.getPath() != null && route.getPath().startsWith("/api/") && route.methods() != null
          && !route.methods().isEmpty()) {
        route.methods().forEach(m -> roles.put(m.name() + " " + route.getPath(), route.getMetadata(Access.ROLE)));
      }
    }
    return roles;
  }

  @Test
  void everyApiRoute_declaresItsRole() {
    Map<String, String> roles = apiRoutes();
    assertTrue(roles.size() > 10, roles.toString());
    List<String> undeclared = roles.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList();
    assertEquals(List.of(), undeclared);
  }

  @Test
  void onlySignInIsPublic_andEveryChangeNeedsMoreThanAViewer() {
    Map<String, String> roles = apiRoutes();
    roles.forEach((route, role) -> {
      if (route.endsWith(" /api/session")) {
        assertEquals(Access.PUBLIC, role, route);
      } else {
        assertTrue(!role.equals(Access.PUBLIC), route + " is public");
        if (!route.startsWith("GET ")) {
          assertTrue(role.equals("sales") || role.equals("admin"), route + " needs only " + role);
        }
      }
    });
    assertEquals("sales", roles.get("POST /api/leads/:id/stage"));
    assertEquals("admin", roles.get("POST /api/webhooks/:endpoint/replay"));
    assertEquals("admin", roles.get("POST /api/webhooks/:endpoint/enable"));
  }
}
