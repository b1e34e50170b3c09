package io.leadgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.core.Resources;
import io.leadgate.testing.Http;
import io.leadgate.testing.TestGateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoRoutesTest {
  static TestGateway gateway;
  static Http http;

  @BeforeAll
  static void start() {
    gateway = TestGateway.start("server: {demoPage: true}\nsites: [{key: demo, allowedOrigins: ['*']}]", null);
    http = new Http(gateway.client());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  // The page's Pricing link changes the url by pushState; a reload then asked the gateway for /pricing: 404.
  @ParameterizedTest
  @ValueSource(strings = {"/", "/pricing"})
  void routeOfTheDemoApp_isTheDemoPage(String path) {
    HttpResponse<Buffer> response = http.get(path);
    assertEquals(200, response.statusCode());
    assertTrue(response.getHeader("Content-Type").startsWith("text/html"));
    assertEquals(Buffer.buffer(Resources.read("demo/index.html")), response.body());
  }

  @Test
  void everyRouteThePageShows_isServed() {
    String page = new String(Resources.read("demo/index.html"), StandardCharsets.UTF_8);
    var shown = Pattern.compile("data-route=\"(/[^\"]*)\"").matcher(page).results().map(match -> match.group(1)).toList();
    assertEquals(DemoRoutes.ROUTES, shown);
  }

  @Test
  void otherPaths_are404() {
    assertEquals(404, http.get("/pricing/annual").statusCode());
  }
}
