package io.leadgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.admin.ApiKeyAuth;
import io.leadgate.testing.RawHttp;
import io.leadgate.testing.TestGateway;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests no browser sends but anyone can: each gets a 4xx and the JSON problem body, never a 500. One test per
 * way a request can be broken; {@link GatewayFuzzTest} throws generated variations of them at every route.
 */
class MalformedRequestTest {
  static final String KEY = "malformed-test-key";
  static final String YAML = """
      server: {bodyLimit: 4096}
      secret: test-secret-0123456789abcdef0123456789
      sites:
        - key: demo
          allowedOrigins: ["*"]
      forms:
        - id: ebook
          site: demo
          kind: magnet
          fields: [{name: email, type: email, required: true}]
          magnet: {url: "https://cdn.example/ebook.pdf"}
      apiKeys: [{name: test, sha256: %s}]
      """.formatted(ApiKeyAuth.hash(KEY));
  static TestGateway gateway;
  static RawHttp http;

  @BeforeAll
  static void start() {
    gateway = TestGateway.start(YAML, null);
    http = new RawHttp(gateway.port(), 10_000);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  static RawHttp.Answer post(String path, String contentType, byte[] body, String... headers) throws IOException {
    Map<String, String> all = new LinkedHashMap<>();
    if (contentType != null) {
      all.put("Content-Type", contentType);
    }
    all.put("Content-Length", Integer.toString(body.length));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      all.put(headers[i], headers[i + 1]);
    }
    return http.send("POST", path, all, body);
  }

  static RawHttp.Answer get(String target, String... headers) throws IOException {
    Map<String, String> all = new LinkedHashMap<>();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      all.put(headers[i], headers[i + 1]);
    }
    return http.send("GET", target, all, null);
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A 4xx with {@code {"error": {"code", "message"}}}; returns the error object. */
  static JsonObject assertProblem(int status, RawHttp.Answer answer) {
    assertEquals(status, answer.status(), answer.text());
    JsonObject body = answer.json();
    assertNotNull(body, "not a JSON body: " + answer.text());
    JsonObject error = body.getJsonObject("error");
    assertNotNull(error, answer.text());
    assertNotNull(error.getString("code"), answer.text());
    assertNotNull(error.getString("message"), answer.text());
    assertTrue(answer.header("Content-Type").startsWith("application/json"), answer.header("Content-Type"));
    return error;
  }

  // The body handler decoded form bodies before any route ran and its decoder threw on a broken escape: 500.
  @Test
  void formSubmit_brokenPercentEscape_400NamingTheEncoding() throws IOException {
    JsonObject error = assertProblem(400, post("/f/ebook", "application/x-www-form-urlencoded", bytes("email=%ZZ")));
    assertEquals("invalid_encoding", error.getString("code"));
  }

  // The form decoder read %C3%28 as UTF-8 and threw on the invalid sequence: 500.
  @Test
  void formSubmit_invalidUtf8Escape_400() throws IOException {
    JsonObject error = assertProblem(400, post("/f/ebook", "application/x-www-form-urlencoded", bytes("email=%C3%28")));
    assertEquals("invalid_encoding", error.getString("code"));
  }

  // The same decoder ran for /e, which never reads forms: 500 instead of the 415 its content type deserves.
  @Test
  void collect_formEncodedBodyWithBrokenEscape_415() throws IOException {
    assertProblem(415, post("/e", "application/x-www-form-urlencoded", bytes("site=%ZZ")));
  }

  // The API routes sit behind the same body handler: a form body with a broken escape failed before the key check.
  @Test
  void stageChange_formEncodedBodyWithBrokenEscape_4xx() throws IOException {
    RawHttp.Answer answer = post("/api/leads/abc/stage", "application/x-www-form-urlencoded", bytes("stage=%ZZ"),
        "Authorization", "Bearer " + KEY);
    assertTrue(answer.status() >= 400 && answer.status() < 500, answer.status() + " " + answer.text());
    assertProblem(answer.status(), answer);
  }

  // A multipart body without a boundary made the decoder throw.
  @Test
  void formSubmit_multipartWithoutBoundary_400() throws IOException {
    assertProblem(400, post("/f/ebook", "multipart/form-data", bytes("email=a@b.c")));
  }

  // A form body in a charset the JVM does not know made the decoder throw.
  @Test
  void formSubmit_unknownCharset_4xx() throws IOException {
    RawHttp.Answer answer = post("/f/ebook", "application/x-www-form-urlencoded; charset=klingon", bytes("email=a@b.c"));
    assertTrue(answer.status() >= 400 && answer.status() < 500, answer.status() + " " + answer.text());
    assertProblem(answer.status(), answer);
  }

  @Test
  void collect_invalidUtf8Body_400() throws IOException {
    byte[] body = {'{', '"', 's', 'i', 't', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    assertProblem(400, post("/e", "text/plain", body));
  }

  // The pixel decodes its query string inside the handler; a broken escape threw there: 500.
  @Test
  void pixel_brokenPercentEscapeInQuery_400() throws IOException {
    JsonObject error = assertProblem(400, get("/p.gif?site=%ZZ&visitor=abc"));
    assertEquals("invalid_encoding", error.getString("code"));
  }

  @Test
  void leadList_brokenPercentEscapeInQuery_400() throws IOException {
    assertProblem(400, get("/api/leads?site=demo&q=%ZZ", "Authorization", "Bearer " + KEY));
  }

  @Test
  void download_brokenPercentEscapeInPath_4xx() throws IOException {
    RawHttp.Answer answer = get("/d/%ZZ");
    assertTrue(answer.status() >= 400 && answer.status() < 500, answer.status() + " " + answer.text());
    assertProblem(answer.status(), answer);
  }

  @Test
  void token_invalidUtf8InPathParameter_4xx() throws IOException {
    RawHttp.Answer answer = get("/f/%C3%28/token");
    assertTrue(answer.status() >= 400 && answer.status() < 500, answer.status() + " " + answer.text());
    assertProblem(answer.status(), answer);
  }

  // Netty refuses a header with a NUL before the router runs; its default answer had no JSON body.
  @Test
  void anyRoute_nulInHeader_400WithJsonBody() throws IOException {
    assertProblem(400, http.exchange(bytes("GET /p.gif?site=demo HTTP/1.1\r\nHost: x\r\nX-Odd: a\0b\r\n"
        + "Connection: close\r\n\r\n")));
  }

  @Test
  void anyRoute_requestLineTooLong_4xxWithJsonBody() throws IOException {
    RawHttp.Answer answer = get("/p.gif?x=" + "a".repeat(10_000));
    assertTrue(answer.status() >= 400 && answer.status() < 500, answer.status() + " " + answer.text());
    assertProblem(answer.status(), answer);
  }

  @Test
  void formSubmit_bodyOverTheLimit_413() throws IOException {
    assertProblem(413, post("/f/ebook", "application/x-www-form-urlencoded", bytes("email=" + "a".repeat(5000))));
  }

  @Test
  void formSubmit_malformedCookie_answersWithoutA500() throws IOException {
    RawHttp.Answer answer = post("/f/ebook", "application/x-www-form-urlencoded", bytes("email=a@b.example"),
        "Cookie", "lg_vid=%ZZ; ;;=; \u00ff=\u00ff");
    assertTrue(answer.status() < 500, answer.status() + " " + answer.text());
  }

  @Test
  void formSubmit_brokenHostHeader_answersWithoutA500() throws IOException {
    RawHttp.Answer answer = post("/f/ebook", "application/json", bytes("{\"fields\":{\"email\":\"a@b.example\"}}"),
        "Host", "[::1");
    assertTrue(answer.status() < 500, answer.status() + " " + answer.text());
    assertNotNull(answer.json(), answer.text());
  }
}
