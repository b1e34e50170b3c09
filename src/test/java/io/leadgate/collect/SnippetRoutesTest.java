package io.leadgate.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.core.Resources;
import io.leadgate.testing.Http;
import io.leadgate.testing.TestGateway;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  // HEAD was routed nowhere (the routes were GET only): it got 405 where a proxy or a checker expects the GET's headers.
  @ParameterizedTest
  @CsvSource({"/s.js, identity", "/s.js, gzip", "/s-forms.js, identity", "/s-forms.js, gzip"})
  void head_answersWithTheStatusAndHeadersOfGet(String path, String encoding) {
    HttpResponse<Buffer> get = http.get(path, "Accept-Encoding", encoding);
    HttpResponse<Buffer> head = http.send(HttpMethod.HEAD, path, null, "Accept-Encoding", encoding);
    assertEquals(200, head.statusCode());
    for (String name : List.of("Content-Type", "Content-Length", "Content-Encoding", "ETag", "Cache-Control", "Vary",
        "X-Content-Type-Options", "Cross-Origin-Resource-Policy")) {
      assertEquals(get.getHeader(name), head.getHeader(name), name);
    }
    assertEquals(String.valueOf(get.body().length()), head.getHeader("Content-Length"));
  }

  @Test
  void head_withTheBrowsersEtag_gets304() {
    String etag = http.get("/s.js").getHeader("ETag");
    assertEquals(304, http.send(HttpMethod.HEAD, "/s.js", null, "If-None-Match", etag).statusCode());
  }

  // Read off the socket: after HEAD's headers the next bytes are the answer to the next request, no body.
  @Test
  void head_sendsNoBody() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("HEAD /s.js HTTP/1.1\r\nHost: localhost\r\n\r\n"
          + "GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      int headEnd = answers.indexOf("\r\n\r\n");
      assertTrue(answers.startsWith("HTTP/1.1 200"), answers);
      assertTrue(answers.substring(0, headEnd).toLowerCase().contains("content-length: "
          + Resources.read(SnippetRoutes.RESOURCE).length), answers.substring(0, headEnd));
      assertTrue(answers.startsWith("HTTP/1.1 200", headEnd + 4), answers.substring(headEnd + 4));
    }
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
