package io.leadgate.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;

/** Blocking HTTP calls for test threads, against a real gateway over a real socket. */
public final class Http {
  public static final String BROWSER_UA =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
  private final WebClient client;

  public Http(WebClient client) {
    this.client = client;
  }

  public HttpResponse<Buffer> post(String path, String body, String... headers) {
    return send(HttpMethod.POST, path, body, headers);
  }

  public HttpResponse<Buffer> get(String path, String... headers) {
    return send(HttpMethod.GET, path, null, headers);
  }

  /** Headers as name, value pairs; a browser User-Agent unless one is given. */
  public HttpResponse<Buffer> send(HttpMethod method, String path, String body, String... headers) {
    HttpRequest<Buffer> request = client.request(method, path);
    MultiMap map = request.headers();
    map.set("User-Agent", BROWSER_UA);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      map.set(headers[i], headers[i + 1]);
    }
    try {
      return (body == null ? request.send() : request.sendBuffer(Buffer.buffer(body))).await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(method + " " + path + " failed: " + e, e);
    }
  }
}
