package io.leadgate.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates requests for one route template ({@code /f/:form/token}, {@code /api/*}) from a seeded {@link Random}:
 * the same seed gives the same requests. Each request is mostly plausible with one or a few things broken, so it
 * gets past the early refusals and reaches the code that reads it: encodings (broken percent-escapes, invalid and
 * overlong UTF-8, NUL), content types, sizes (empty, over the body limit, chunked), methods, odd headers and query
 * strings, with and without a valid API key.
 */
final class MalformedRequests {
  /** A request as it goes on the wire; {@code describe()} shows it escaped, for a failure message. */
  record Request(String method, String target, List<String[]> headers, byte[] body, boolean chunked) {
    byte[] bytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      write(out, method + " " + target + " HTTP/1.1\r\n");
      for (String[] header : headers) {
        write(out, header[0] + ": " + header[1] + "\r\n");
      }
      if (chunked) {
        write(out, "Transfer-Encoding: chunked\r\n");
      } else if (body.length > 0) {
        write(out, "Content-Length: " + body.length + "\r\n");
      }
      write(out, "Connection: close\r\n\r\n");
      if (chunked) {
        for (int at = 0; at < body.length; at += 1000) {
          int size = Math.min(1000, body.length - at);
          write(out, Integer.toHexString(size) + "\r\n");
          out.write(body, at, size);
          write(out, "\r\n");
        }
        write(out, "0\r\n\r\n");
      } else {
        out.write(body, 0, body.length);
      }
      return out.toByteArray();
    }

    String describe() {
      String text = new String(bytes(), StandardCharsets.ISO_8859_1);
      StringBuilder shown = new StringBuilder();
      for (char c : (text.length() > 1500 ? text.substring(0, 1500) + "…(" + text.length() + " bytes)" : text).toCharArray()) {
        if (c == '\n') {
          shown.append("\\n\n    ");
        } else if (c == '\r') {
          shown.append("\\r");
        } else if (c < 0x20 || c >= 0x7f && c < 0x100) {
          shown.append(String.format("\\x%02x", (int) c));
        } else {
          shown.append(c);
        }
      }
      return shown.toString();
    }

    private static void write(ByteArrayOutputStream out, String text) {
      out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "FOO"};
  private static final String[] CONTENT_TYPES = {
      null, "application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
      "multipart/form-data; boundary=XyZ", "multipart/form-data; boundary=", "text/plain; charset=utf-8",
      "application/json; charset=klingon", "application/x-www-form-urlencoded; charset=iso-8859-1",
      "application/x-www-form-urlencoded; charset=\"", "image/gif", ";;;", "", "application/json;;=;charset"};
  /** Percent-escapes and bytes that decoders trip on. */
  private static final String[] BROKEN = {
      "%", "%Z", "%ZZ", "%G0", "%C3%28", "%C0%AF", "%E0%80%AF", "%F8%88%80%80%80", "%ED%A0%80", "%FF", "%00", "%0D%0A",
      "%2F..%2F", "%25", "+", "%%", "%u00e9", "%c3"};
  private static final String[] RAW_BYTES = {"\u00c3(", "\u00c0\u00af", "\u00ff\u00fe", "\u0000", "\u00e9", "\u00ed\u00a0\u0080"};

  private final Random random;
  private final Map<String, List<String>> knownValues;
  private final String apiKey;
  private final int bodyLimit;

  /**
   * @param knownValues valid values for path parameters by name ({@code form -> [ebook]}), so some requests reach
   *     the code behind the lookup
   */
  MalformedRequests(long seed, Map<String, List<String>> knownValues, String apiKey, int bodyLimit) {
    this.random = new Random(seed);
    this.knownValues = knownValues;
    this.apiKey = apiKey;
    this.bodyLimit = bodyLimit;
  }

  Request next(String template, List<String> routeMethods) {
    if (random.nextInt(3) == 0) {
      return nearlyValid(template, routeMethods);
    }
    String method = routeMethods.isEmpty() || random.nextInt(4) == 0 ? pick(METHODS) : pick(routeMethods);
    String target = path(template) + query();
    List<String[]> headers = new ArrayList<>();
    if (random.nextInt(12) != 0) {
      headers.add(new String[] {"Host", random.nextInt(15) == 0 ? pick(new String[] {"[::1", "a b", "", ":99999", "\u00e9.test"}) : "127.0.0.1"});
    }
    if (random.nextBoolean()) {
      headers.add(new String[] {"Authorization", random.nextInt(4) == 0 ? pick(new String[] {"Bearer ", "Bearer \u00ff\u0000", "Basic x", "bearer " + apiKey + " x"}) : "Bearer " + apiKey});
    }
    if (random.nextInt(3) == 0) {
      headers.add(new String[] {"Origin", pick(new String[] {"https://www.acme.com", "null", "*", "https://\u00e9vil.test", "http://[::1", ""})});
    }
    if (random.nextInt(4) == 0) {
      headers.add(new String[] {"User-Agent", pick(new String[] {"Mozilla/5.0 Chrome/124.0", "", "Slackbot", "\u00ff\u00fe"})});
    }
    if (random.nextInt(5) == 0) {
      headers.add(new String[] {"Cookie", pick(new String[] {"lg_vid=%ZZ", ";;=;", "lg_vid=\u00e9", "a=\"b", "lg_vid=" + hex(32)})});
    }
    if (random.nextInt(6) == 0) {
      headers.add(new String[] {"X-Forwarded-For", pick(new String[] {"1.2.3.4, ::1", "garbage", ",,,", "999.1.1.1", "\u00e9"})});
    }
    if (random.nextInt(6) == 0) {
      headers.add(new String[] {"Referer", pick(new String[] {"https://www.acme.com/p?x=%ZZ", "::::", "javascript:alert(1)", "https://www.acme.com/ebook"})});
    }
    if (random.nextInt(8) == 0) {
      headers.add(new String[] {pick(new String[] {"Accept", "Accept-Encoding", "If-None-Match", "Range", "Expect", "X-Odd"}),
          pick(new String[] {"*/*", "gzip;q=x", "\"\"", "bytes=9-1", "100-continue", "\u00ff"})});
    }
    // a body on GET is rare (and a form body there is refused early): mostly none, so GETs reach their route
    boolean bodyless = !method.equals("POST") && !method.equals("PUT") && !method.equals("PATCH");
    String contentType = bodyless && random.nextInt(4) != 0 ? null : pick(CONTENT_TYPES);
    if (contentType != null) {
      headers.add(new String[] {"Content-Type", contentType});
    }
    byte[] body = bodyless && contentType == null && random.nextInt(4) != 0 ? new byte[0] : body(contentType);
    boolean chunked = body.length > 0 && random.nextInt(5) == 0;
    return new Request(method, target, headers, body, chunked);
  }

  /** JSON values that break a field in a way a parser may not expect. */
  private static final String[] ODD_VALUES = {
      "\"\"", "\"\\u0000\"", "\"\\ud800\"", "\"" + "x".repeat(3000) + "\"", "1e999", "-1", "0", "9223372036854775808",
      "1.5", "[]", "{}", "null", "true", "\"javascript:alert(1)\"", "\"https://www.acme.com/%ZZ\"", "[[[[[]]]]]",
      "\"ld_aaaaaaaaaaaaaaaaaaaa\"", "{\"a\":{\"b\":{}}}", "\"\u00c3(\"", "\"2025-13-45\"", "\"disqualified\""};

  /**
   * A request the route would take, with one field given an odd value: it gets past the early refusals and
   * reaches the route's own parsing and its service.
   */
  private Request nearlyValid(String template, List<String> routeMethods) {
    String method = routeMethods.isEmpty() ? "POST" : routeMethods.get(0);
    List<String[]> headers = new ArrayList<>();
    headers.add(new String[] {"Host", "127.0.0.1"});
    headers.add(new String[] {"Authorization", "Bearer " + apiKey});
    headers.add(new String[] {"Origin", "https://www.acme.com"});
    headers.add(new String[] {"User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36"});
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    if (template.equals("/e")) {
      fields.put("site", "\"demo\"");
      fields.put("visitor", "\"" + hex(32) + "\"");
      fields.put("id", "\"e" + hex(20) + "\"");
      fields.put("type", "\"" + pick(new String[] {"pageview", "download", "outbound", "custom", "engagement"}) + "\"");
      fields.put("url", "\"https://www.acme.com/pricing\"");
      fields.put("title", "\"Pricing\"");
      fields.put("referrer", "\"https://google.com/\"");
      fields.put("name", "\"signup\"");
      fields.put("ts", Long.toString(System.currentTimeMillis()));
      fields.put("props", "{\"plan\":\"pro\"}");
      fields.put("utm", "{\"source\":\"news\"}");
      fields.put("click", "{\"gclid\":\"abc\"}");
    } else if (template.startsWith("/f/")) {
      fields.put("visitor", "\"" + hex(32) + "\"");
      fields.put("submission", "\"" + hex(32) + "\"");
      fields.put("token", "\"x.y\"");
      fields.put("page", "\"https://www.acme.com/ebook\"");
      fields.put("fields", "{\"email\":\"ada" + hex(6) + "@acme-widgets.com\",\"name\":\"Ada\",\"consent_privacy\":true}");
    } else if (template.endsWith("/stage")) {
      fields.put("stage", "\"sql\"");
      fields.put("reason", "\"call booked\"");
    } else {
      fields.put("id", "\"" + hex(16) + "\"");
      fields.put("since", "\"2025-01-31T00:00:00Z\"");
      fields.put("enabled", "true");
    }
    List<String> names = new ArrayList<>(fields.keySet());
    String odd = pick(names);
    if (random.nextInt(5) == 0) {
      fields.remove(odd);
    } else {
      fields.put(odd, pick(ODD_VALUES));
    }
    StringBuilder json = new StringBuilder("{");
    fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":").append(value));
    String body = json.append('}').toString();
    if (template.equals("/e") && random.nextBoolean()) {
      body = "[" + body + "," + body.replace("\"e", "\"f") + "]";
    }
    boolean bodyless = !method.equals("POST");
    if (!bodyless) {
      headers.add(new String[] {"Content-Type", template.equals("/e") ? "text/plain" : "application/json"});
    }
    String query = bodyless ? "?site=demo&stage=" + pick(new String[] {"sql", "mql", "disqualified"}) + "&limit="
        + pick(new String[] {"5", "1000", "0"}) + "&from=2025-01-01&to=2025-01-31&order=" + pick(new String[] {"score", "recent"})
        + "&q=" + pick(new String[] {"ada", "acme-widgets.com", "%C3%A9"}) + "&min_score=" + pick(new String[] {"0", "50"}) : "";
    return new Request(method, path(template).replace("%", "").replace(" ", "") + query, headers,
        bodyless ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), false);
  }

  private String path(String template) {
    StringBuilder path = new StringBuilder();
    for (String segment : template.split("/", -1)) {
      if (path.length() > 0 || !segment.isEmpty()) {
        path.append('/');
      }
      if (segment.startsWith(":")) {
        path.append(parameter(segment.substring(1)));
      } else if (segment.equals("*")) {
        path.append(random.nextBoolean() ? "x" : parameter("rest"));
      } else {
        path.append(segment);
      }
    }
    if (template.endsWith("/") && random.nextBoolean()) {
      path.append(parameter("rest"));
    }
    return path.length() == 0 ? "/" : path.toString();
  }

  private String parameter(String name) {
    List<String> known = knownValues.getOrDefault(name, List.of());
    return switch (random.nextInt(6)) {
      case 0, 1 -> known.isEmpty() ? word() : pick(known);
      case 2 -> word() + pick(BROKEN) + word();
      case 3 -> "ld_" + hex(20);
      case 4 -> pick(new String[] {"..", ".", "%2e%2e", "a%2Fb", "x".repeat(1 + random.nextInt(3000)), "%20", "~", "%7B%7D", "\u00e9", "a b", "\u0000", "\u00c3("});
      default -> word();
    };
  }

  private String query() {
    // mostly decodable, so that most requests get past the query check to the route's own parsing
    return switch (random.nextInt(12)) {
      case 0, 1, 6, 7, 8 -> "";
      case 2 -> "?" + pick(new String[] {"", "&&==&", "=", "a", "a=%", "site=%ZZ", "q=" + "a".repeat(5000), "%=%"});
      case 3 -> "?site=demo&visitor=" + hex(32) + "&url=" + pick(new String[] {"https%3A%2F%2Fwww.acme.com%2F", "%ZZ", "%C0%AF", "javascript:x"});
      case 4 -> "?" + word() + "=" + word() + pick(BROKEN) + "&" + word() + "=" + pick(BROKEN);
      case 5 -> "?stage=" + pick(new String[] {"sql", "hot", "%00"}) + "&limit=" + pick(new String[] {"10", "-1", "1e9", "x", "99999999999999999999"})
          + "&from=" + pick(new String[] {"2025-01-01", "2025-13-45", "0", ""}) + "&to=" + pick(new String[] {"2025-01-02", "x"})
          + "&cursor=" + pick(new String[] {"", "x", "%FF", "0-0", "-1"}) + "&min_score=" + pick(new String[] {"10", "NaN", "1e999"})
          + "&order=" + pick(new String[] {"score", "recent", "x"}) + "&q=" + pick(new String[] {"bob", "%ZZ", "@", ""})
          + "&since=" + pick(new String[] {"2025-01-31T00:00:00Z", "x", "-5", "99999999999999999999"});
      case 9, 10 -> "?site=demo&visitor=" + hex(32) + "&url=https%3A%2F%2Fwww.acme.com%2F" + word() + "&" + word() + "=" + word();
      default -> "?site=demo&" + word() + "=" + word();
    };
  }

  private byte[] body(String contentType) {
    int choice = random.nextInt(12);
    if (choice == 0) {
      return new byte[0];
    }
    if (choice == 1) {
      return ("email=" + "a".repeat(bodyLimit + random.nextInt(3) * bodyLimit)).getBytes(StandardCharsets.ISO_8859_1);
    }
    String type = contentType == null ? "" : contentType;
    String text;
    if (type.startsWith("multipart") && random.nextBoolean()) {
      text = "--XyZ\r\nContent-Disposition: form-data; name=\"" + pick(new String[] {"email", "\u00ff", "", "fields"})
          + "\"" + (random.nextBoolean() ? "; filename=\"a.pdf\"" : "") + "\r\n\r\n" + pick(new String[] {"a@b.example", "%ZZ", "\u00c3("})
          + "\r\n--XyZ" + (random.nextBoolean() ? "--\r\n" : "\r\n");
    } else if (type.contains("urlencoded") || random.nextInt(4) == 0) {
      text = "email=" + pick(new String[] {"a%40b.example", "%ZZ", "%C3%28", "\u00c3(", "%00", "a@b.example"})
          + "&" + pick(new String[] {"consent_privacy=on", "_lg_t=%ZZ", "lg_vid=" + hex(32), "=", "&&", "name=" + pick(BROKEN), "stage=sql"})
          + (random.nextBoolean() ? "&" + word() + pick(BROKEN) + "=" + pick(RAW_BYTES) : "");
    } else {
      text = json();
    }
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private String json() {
    return switch (random.nextInt(10)) {
      case 0 -> "{";
      case 1 -> "null";
      case 2 -> "[" + "[".repeat(random.nextInt(2000)) + "]";
      case 3 -> "{\"site\":\"demo\",\"visitor\":\"" + hex(32) + "\",\"type\":\"pageview\",\"url\":\"https://www.acme.com/"
          + pick(RAW_BYTES) + "\",\"props\":{\"n\":1e999}}";
      case 4 -> "{\"fields\":{\"email\":\"a\u00c3(@b.example\",\"consent_privacy\":true},\"visitor\":" + pick(new String[] {"1", "\"x\"", "null", "{}"}) + "}";
      case 5 -> "{\"stage\":" + pick(new String[] {"\"sql\"", "\"disqualified\"", "1", "null", "\"\u00ff\""}) + ",\"reason\":" + pick(new String[] {"\"x\"", "[]", "\"" + "r".repeat(600) + "\""}) + "}";
      case 6 -> "[" + "{\"site\":\"demo\",\"type\":\"custom\",\"name\":\"\u0000\"},".repeat(1 + random.nextInt(60)) + "1]";
      case 7 -> "{\"id\":" + pick(new String[] {"\"x\"", "1", "null"}) + ",\"since\":" + pick(new String[] {"\"x\"", "-1", "1e99"}) + "}";
      case 8 -> "\u00ef\u00bb\u00bf{\"a\":\"\\ud800\"}";
      default -> "{\"site\":\"demo\",\"visitor\":\"" + hex(32) + "\",\"type\":\"pageview\",\"url\":\"https://www.acme.com/\"}";
    };
  }

  private String word() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_.";
    StringBuilder word = new StringBuilder();
    for (int i = 0, n = 1 + random.nextInt(12); i < n; i++) {
      word.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return word.toString();
  }

  private String hex(int length) {
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < length; i++) {
      hex.append(Character.forDigit(random.nextInt(16), 16));
    }
    return hex.toString();
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
