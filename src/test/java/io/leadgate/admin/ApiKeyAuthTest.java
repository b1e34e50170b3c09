package io.leadgate.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leadgate.http.GatewayRouter;
import io.leadgate.ops.Metrics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The API key check in front of {@code /api/*}, through the gateway's real router and error handler. */
class ApiKeyAuthTest {
  static final String CRM_KEY = "lg_live_9f8e7d6c5b4a3f2e1d0c";
  static final String OPS_KEY = "lg_live_0a1b2c3d4e5f6a7b8c9d";
  Vertx vertx = Vertx.vertx();
  HttpServer server;
  WebClient client;

  void serve(List<ApiKeyConfig> keys) throws Exception {
    Consumer<Router> api = router -> router.get("/api/whoami").handler(ctx ->
        ctx.json(new JsonObject().put("key", (String) ctx.get(ApiKeyAuth.KEY_NAME))));
    Consumer<Router> open = router -> router.get("/health/live").handler(ctx -> ctx.json(new JsonObject()));
    Router router = GatewayRouter.create(vertx, new Metrics(), 65536, origin -> false,
        List.of(new ApiKeyAuth(keys)::mount, api, open));
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(server.actualPort()));
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  HttpResponse<Buffer> get(String path, String authorization) throws Exception {
    var request = client.get(path);
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return request.send().await(5, TimeUnit.SECONDS);
  }

  static List<ApiKeyConfig> twoKeys() {
    return List.of(new ApiKeyConfig("crm-sync", ApiKeyAuth.hash(CRM_KEY)),
        new ApiKeyConfig("ops", ApiKeyAuth.hash(OPS_KEY).toUpperCase()));
  }

  @Test
  void noAuthorization_401WithJsonErrorAndChallenge() throws Exception {
    serve(twoKeys());
    HttpResponse<Buffer> response = get("/api/whoami", null);
    assertEquals(401, response.statusCode());
    assertEquals("missing_api_key", response.bodyAsJsonObject().getJsonObject("error").getString("code"));
    assertEquals("Bearer realm=\"leadgate\"", response.getHeader("WWW-Authenticate"));
    assertEquals("application/json", response.getHeader("Content-Type"));
  }

  @Test
  void wrongKey_401() throws Exception {
    serve(twoKeys());
    HttpResponse<Buffer> response = get("/api/whoami", "Bearer " + CRM_KEY + "x");
    assertEquals(401, response.statusCode());
    assertEquals("invalid_api_key", response.bodyAsJsonObject().getJsonObject("error").getString("code"));
  }

  @Test
  void otherScheme_401() throws Exception {
    serve(twoKeys());
    assertEquals(401, get("/api/whoami", "Basic " + CRM_KEY).statusCode());
    assertEquals(401, get("/api/whoami", "Bearer ").statusCode());
  }

  @Test
  void rightKey_passes_andTheHandlerKnowsWhichKey() throws Exception {
    serve(twoKeys());
    assertEquals("crm-sync", get("/api/whoami", "Bearer " + CRM_KEY).bodyAsJsonObject().getString("key"));
    assertEquals("ops", get("/api/whoami", "bearer " + OPS_KEY).bodyAsJsonObject().getString("key"),
        "the scheme is case-insensitive; configured hashes may be upper case");
  }

  @Test
  void unknownApiPath_stillNeedsTheKey() throws Exception {
    serve(twoKeys());
    assertEquals(401, get("/api/nothing-here", null).statusCode());
    assertEquals(404, get("/api/nothing-here", "Bearer " + CRM_KEY).statusCode());
  }

  @Test
  void noKeysConfigured_apiClosed_restOpen() throws Exception {
    serve(List.of());
    assertEquals(401, get("/api/whoami", "Bearer " + CRM_KEY).statusCode());
    assertEquals(200, get("/health/live", null).statusCode());
  }

  @Test
  void hash_isTheHexSha256OfTheKey() {
    assertEquals("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", ApiKeyAuth.hash("test"));
  }
}
