package io.leadgate.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.core.Resources;
import io.leadgate.testing.Http;
import io.leadgate.testing.TestGateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SnippetRoutesTest {
  static TestGateway gateway;
  static Http http;

  @BeforeAll
  static void start() {
    gateway = TestGateway.start("sites: [{key: acme}]", null);
    http = new Http(gateway.client());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void script_isServedAsJavascriptWithAStrongEtagAndAnHourOfCache() {
    HttpResponse<Buffer> response = http.get("/s.js");
    assertEquals(200, response.statusCode());
    assertTrue(response.getHeader("Content-Type").startsWith("application/javascript"));
    assertTrue(response.getHeader("ETag").matches("\"[0-9a-f]{32}\""), response.getHeader("ETag"));
    assertEquals(SnippetRoutes.CACHE_CONTROL, response.getHeader("Cache-Control"));
    assertTrue(response.bodyAsString().contains("leadgate"));
  }

  @Test
  void script_isGzippedForClientsThatAcceptIt() {
    HttpResponse<Buffer> response = http.get("/s.js", "Accept-Encoding", "gzip, br");
    assertEquals("gzip", response.getHeader("Content-Encoding"));
    assertEquals("Accept-Encoding", response.getHeader("Vary"));
  }

  @Test
  void script_unchangedSinceTheBrowsersCopy_gets304() {
    String etag = http.get("/s.js").getHeader("ETag");
    assertNotNull(etag);
    HttpResponse<Buffer> response = http.get("/s.js", "If-None-Match", etag);
    assertEquals(304, response.statusCode());
  }

  @Test
  void formsModule_isServedAsBuiltWithTheSameHeadersAndAnEtagOfItsOwn() {
    HttpResponse<Buffer> response = http.get("/s-forms.js");
    assertEquals(200, response.statusCode());
    assertTrue(response.getHeader("Content-Type").startsWith("application/javascript"));
    assertEquals(SnippetRoutes.CACHE_CONTROL, response.getHeader("Cache-Control"));
    assertEquals("nosniff", response.getHeader("X-Content-Type-Options"));
    assertEquals("cross-origin", response.getHeader("Cross-Origin-Resource-Policy"));
    String etag = response.getHeader("ETag");
    assertTrue(etag.matches("\"[0-9a-f]{32}\""), etag);
    assertNotEquals(http.get("/s.js").getHeader("ETag"), etag);
    assertEquals(Buffer.buffer(Resources.read(SnippetRoutes.FORMS_RESOURCE)), response.body());

    HttpResponse<Buffer> gzipped = http.get("/s-forms.js", "Accept-Encoding", "gzip");
    assertEquals("gzip", gzipped.getHeader("Content-Encoding"));
    assertEquals("Accept-Encoding", gzipped.getHeader("Vary"));
    assertEquals(304, http.get("/s-forms.js", "If-None-Match", etag).statusCode());
  }
}
