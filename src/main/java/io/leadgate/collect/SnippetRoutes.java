package io.leadgate.collect;

import io.leadgate.core.Resources;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.zip.GZIPOutputStream;

/**
 * Serves the tracking snippet at {@code /s.js} and the lead-magnet forms module it loads at {@code /s-forms.js}:
 * each read from the jar once, gzipped once, with a strong ETag so browsers revalidate cheaply after the hour
 * they may cache it (a gateway upgrade changes the ETag).
 */
public final class SnippetRoutes {
  private static final Logger LOG = Logger.getLogger(SnippetRoutes.class.getName());
  static final String RESOURCE = "snippet/leadgate.min.js";
  static final String FORMS_RESOURCE = "snippet/leadgate-forms.min.js";
  /** Path served → resource in the jar (built by the snippet's npm run build, copied by the pom). */
  static final Map<String, String> SHIPPED = Map.of("/s.js", RESOURCE, "/s-forms.js", FORMS_RESOURCE);
  static final String CACHE_CONTROL = "public, max-age=3600, stale-while-revalidate=86400";

  private final List<Asset> assets;

  private SnippetRoutes(List<Asset> assets) {
    this.assets = List.copyOf(assets);
  }

  /** Loads the snippet files from the jar; called once at start-up. Null when none of them is there. */
  public static SnippetRoutes shipped() {
    List<Asset> assets = new ArrayList<>();
    for (var file : new TreeMap<>(SHIPPED).entrySet()) {
      var script = Resources.find(file.getValue());
      if (script.isPresent()) {
        assets.add(new Asset(file.getKey(), script.get()));
      } else {
        LOG.warning(file.getValue() + " is missing from the jar: " + file.getKey()
            + " will answer 404 (build it: npm --prefix snippet run build)");
      }
    }
    return assets.isEmpty() ? null : new SnippetRoutes(assets);
  }

  /** GET, and HEAD with the same status and headers. */
  public void mount(Router router) {
    for (Asset asset : assets) {
      router.route(asset.path).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(asset::serve);
    }
  }

  /** The gzipped size of the snippet at {@code /s.js}, or -1 when it is not shipped. */
  public int gzippedSize() {
    return assets.stream().filter(asset -> asset.path.equals("/s.js")).mapToInt(asset -> asset.gzipped.length())
        .findFirst().orElse(-1);
  }

  /** One file served as it was built, plain or gzipped, with its ETag. */
  private static final class Asset {
    private final String path;
    private final Buffer plain;
    private final Buffer gzipped;
    private final String etag;

    Asset(String path, byte[] script) {
      this.path = path;
      this.plain = Buffer.buffer(script);
      this.gzipped = Buffer.buffer(gzip(script));
      this.etag = "\"" + HexFormat.of().formatHex(sha256(script), 0, 16) + "\"";
    }

    void serve(RoutingContext ctx) {
      var response = ctx.response()
          .putHeader("Content-Type", "application/javascript; charset=utf-8")
          .putHeader("Cache-Control", CACHE_CONTROL)
          .putHeader("ETag", etag)
          .putHeader("Vary", "Accept-Encoding")
          .putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Cross-Origin-Resource-Policy", "cross-origin");
      String ifNoneMatch = ctx.request().getHeader("If-None-Match");
      if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.strip().equals("*"))) {
        response.setStatusCode(304).end();
        return;
      }
      String accept = ctx.request().getHeader("Accept-Encoding");
      Buffer body = plain;
      if (accept != null && accept.contains("gzip")) {
        response.putHeader("Content-Encoding", "gzip");
        body = gzipped;
      }
      if (ctx.request().method() == HttpMethod.HEAD) {
        // the length the GET would send; Vert.x writes no Content-Length of its own for a HEAD without a body
        response.putHeader("Content-Length", String.valueOf(body.length())).end();
      } else {
        response.end(body);
      }
    }
  }

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out) {
      {
        def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
      }
    }) {
      gz.write(data);
    } catch (IOException e) {
      throw new IllegalStateException("gzip in memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
