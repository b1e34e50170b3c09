package io.leadgate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.core.Resources;
import io.leadgate.testing.Http;
import io.leadgate.testing.TestGateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsoleRoutesTest {
  static TestGateway gateway;
  static Http http;

  @BeforeAll
  static void start() {
    gateway = TestGateway.start("sites: [{key: acme, name: 'ACME <Shop>', allowedOrigins: ['*']}, {key: blog}]", null);
    http = new Http(gateway.client());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  // A client-side route reached by pushState must survive a reload and a shared link.
  @ParameterizedTest
  @ValueSource(strings = {"/console", "/console/leads", "/console/leads/ld_abc", "/console/traffic"})
  void aConsoleRoute_isTheConsolePageUnderAStrictPolicy(String path) {
    HttpResponse<Buffer> response = http.get(path);
    assertEquals(200, response.statusCode());
    assertTrue(response.getHeader("Content-Type").startsWith("text/html"));
    assertTrue(response.bodyAsString().contains("/console/assets/console.js"));
    assertEquals(ConsoleAsset.CONTENT_SECURITY_POLICY, response.getHeader("Content-Security-Policy"));
    assertEquals("DENY", response.getHeader("X-Frame-Options"));
  }

  @Test
  void thePage_namesTheConfiguredSitesEscapedForTheAttribute() {
    String page = http.get("/console").bodyAsString();
    assertTrue(page.contains("content=\"[{&quot;key&quot;:&quot;acme&quot;,&quot;name&quot;:&quot;ACME &lt;Shop&gt;&quot;},"
        + "{&quot;key&quot;:&quot;blog&quot;,&quot;name&quot;:&quot;blog&quot;}]\""), page);
  }

  @Test
  void theScript_isTheBuiltBundleWithAnETagAndNoCache() {
    HttpResponse<Buffer> response = http.get("/console/assets/console.js");
    assertEquals(200, response.statusCode());
    assertEquals("text/javascript; charset=utf-8", response.getHeader("Content-Type"));
    assertEquals("no-cache", response.getHeader("Cache-Control"));
    assertEquals(Buffer.buffer(Resources.read("console/console.js")), response.body());
    assertTrue(response.getHeader("ETag").matches("\"[0-9a-f]{32}\""));
  }

  @Test
  void theStyles_revalidateWithTheirETagAs304() {
    String etag = http.get("/console/assets/console.css").getHeader("ETag");
    HttpResponse<Buffer> again = http.get("/console/assets/console.css", "If-None-Match", etag);
    assertEquals(304, again.statusCode());
    assertEquals(0, again.body() == null ? 0 : again.body().length());
  }

  @Test
  void anUnknownAsset_is404RatherThanThePage() {
    assertEquals(404, http.get("/console/assets/other.js").statusCode());
  }
}
