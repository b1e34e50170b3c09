package io.leadgate.http;

import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.util.Locale;

/**
 * Where the gateway is served from, as the browser sees it: whether over https (the connection itself, the public
 * URL, or {@code X-Forwarded-Proto} from a trusted proxy), and whether a request comes from the gateway's own pages
 * rather than from another site ({@code Sec-Fetch-Site}, {@code Origin}).
 */
public final class RequestOrigin {
  private final String publicOrigin;
  private final ClientIp clientIp;

  /** @param publicUrl the gateway's public URL ({@code server.publicUrl}), or null when not configured */
  public RequestOrigin(String publicUrl, ClientIp clientIp) {
    this.publicOrigin = publicUrl == null ? null : origin(URI.create(publicUrl));
    this.clientIp = clientIp;
  }

  public boolean https(HttpServerRequest request) {
    if (request.isSSL() || publicOrigin != null && publicOrigin.startsWith("https:")) {
      return true;
    }
    String proto = request.getHeader("X-Forwarded-Proto");
    return proto != null && proto.strip().equalsIgnoreCase("https") && clientIp.fromTrustedProxy(request);
  }

  /**
   * Whether a browser sent this request from another site. Browsers say so in {@code Sec-Fetch-Site} and
   * {@code Origin}; a request with neither (not from a browser) is judged by the CSRF token alone.
   */
  public boolean crossSite(HttpServerRequest request) {
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      return true;
    }
    String origin = request.getHeader("Origin");
    return origin != null && !origin.equalsIgnoreCase(expectedOrigin(request));
  }

  private String expectedOrigin(HttpServerRequest request) {
    if (publicOrigin != null) {
      return publicOrigin;
    }
    String host = request.getHeader("Host") == null ? "" : request.getHeader("Host").strip();
    return (https(request) ? "https://" : "http://") + host.toLowerCase(Locale.ROOT);
  }

  private static String origin(URI url) {
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    int port = url.getPort();
    boolean defaultPort = port < 0 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
    return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
  }
}
