package io.leadgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.http.Access;
import io.leadgate.testing.Http;
import io.leadgate.testing.TestGateway;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /openapi.json}: valid OpenAPI 3.1 by a real parser (swagger-parser), and the same {@code /api/} routes,
 * with the same roles, as the gateway's real router: no undocumented route, no documented route missing.
 */
class OpenApiDocumentTest {
  static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete", "head", "options");
  static TestGateway gateway;
  static JsonObject document;

  @BeforeAll
  static void start() {
    gateway = TestGateway.start(new String(io.leadgate.core.Resources.read(ConfigLoader.BUNDLED_DEMO),
        java.nio.charset.StandardCharsets.UTF_8), null);
    HttpResponse<Buffer> response = new Http(gateway.client()).get("/openapi.json");
    assertEquals(200, response.statusCode());
    document = response.bodyAsJsonObject();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void openapiJson_isServedWithoutAKey() {
    HttpResponse<Buffer> response = new Http(gateway.client()).get("/openapi.json");
    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.getHeader("Content-Type"));
    assertEquals("3.1.0", document.getString("openapi"));
  }

  @Test
  void openapiJson_isValidOpenApi31() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(document.encode(), null, options);
    assertEquals(List.of(), result.getMessages());
    assertEquals(SpecVersion.V31, result.getOpenAPI().getSpecVersion());
  }

  /** "METHOD /path/{param}" → the declared role, for the router's /api/ routes. */
  static Map<String, String> routerRoutes() {
    Map<String, String> routes = new TreeMap<>();
    for (Route route : gateway.gateway().router(gateway.vertx()).getRoutes()) {
      if (route.getPath() != null && route.getPath().startsWith("/api/") && route.methods() != null
          && !route.methods().isEmpty()) {
        String path = route.getPath().replaceAll(":([A-Za-z0-9_]+)", "{$1}");
        route.methods().forEach(m -> routes.put(m.name() + " " + path, route.getMetadata(Access.ROLE)));
      }
    }
    return routes;
  }

  /** "METHOD /path/{param}" → x-role, for the document's operations. */
  static Map<String, String> documentedRoutes() {
    Map<String, String> routes = new TreeMap<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (METHODS.contains(method)) {
          routes.put(method.toUpperCase() + " " + path, item.getJsonObject(method).getString("x-role"));
        }
      }
    }
    return routes;
  }

  @Test
  void everyRouteOfTheRouter_isDocumented_andNothingElse() {
    assertEquals(routerRoutes().keySet(), documentedRoutes().keySet());
  }

  @Test
  void everyDocumentedRole_isTheRoleTheRouteDeclares() {
    assertEquals(routerRoutes(), documentedRoutes());
  }

  @Test
  void everyErrorResponse_isTheOneErrorShape() {
    JsonObject responses = document.getJsonObject("components").getJsonObject("responses");
    documentedRoutes().keySet().forEach(route -> {
      String method = route.substring(0, route.indexOf(' ')).toLowerCase();
      String path = route.substring(route.indexOf(' ') + 1);
      JsonObject answers = document.getJsonObject("paths").getJsonObject(path).getJsonObject(method)
          .getJsonObject("responses");
      for (String status : answers.fieldNames()) {
        if (status.compareTo("400") >= 0) {
          String ref = answers.getJsonObject(status).getString("$ref");
          assertTrue(ref != null && ref.startsWith("#/components/responses/"), route + " " + status);
          JsonObject schema = responses.getJsonObject(ref.substring("#/components/responses/".length()))
              .getJsonObject("content").getJsonObject("application/json").getJsonObject("schema");
          assertEquals("#/components/schemas/Error", schema.getString("$ref"), route + " " + status);
        }
      }
    });
    JsonObject error = document.getJsonObject("components").getJsonObject("schemas").getJsonObject("Error")
        .getJsonObject("properties").getJsonObject("error");
    assertEquals(Set.of("code", "message", "field"), error.getJsonObject("properties").fieldNames());
  }

  @Test
  void everyGuardedOperation_documentsUnauthorizedAndForbidden() {
    documentedRoutes().forEach((route, role) -> {
      if (!Access.PUBLIC.equals(role)) {
        String method = route.substring(0, route.indexOf(' ')).toLowerCase();
        JsonObject answers = document.getJsonObject("paths").getJsonObject(route.substring(route.indexOf(' ') + 1))
            .getJsonObject(method).getJsonObject("responses");
        assertTrue(answers.containsKey("401") && answers.containsKey("403"), route);
      }
    });
  }
}
