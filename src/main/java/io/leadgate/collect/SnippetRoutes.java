package io.leadgate.collect;

import io.leadgate.Resources;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.logging.Logger;
import java.util.zip.GZIPOutputStream;

/**
 * Serves the tracking snippet at {@code /s.js}: read from the jar once, gzipped once, with a strong ETag so
 * browsers revalidate cheaply after the hour they may cache it (a gateway upgrade changes the ETag).
 */
public final class SnippetRoutes {
  private static final Logger LOG = Logger.getLogger(SnippetRoutes.class.getName());
  static final String RESOURCE = "snippet/leadgate.min.js";
  static final String CACHE_CONTROL = "public, max-age=3600, stale-while-revalidate=86400";

  private final Buffer plain;
  private final Buffer gzipped;
  private final String etag;

  private SnippetRoutes(byte[] script) {
    this.plain = Buffer.buffer(script);
    this.gzipped = Buffer.buffer(gzip(script));
    this.etag = "\"" + HexFormat.of().formatHex(sha256(script), 0, 16) + "\"";
  }

  /** Loads the snippet from the jar; called once at start-up. */
  public static SnippetRoutes shipped() {
    return Resources.find(RESOURCE).map(SnippetRoutes::new).orElseGet(() -> {
      LOG.warning(RESOURCE + " is missing from the jar: /s.js will answer 404 (build it: npm --prefix snippet run build)");
      return null;
    });
  }

  public void mount(Router router) {
    router.get("/s.js").handler(this::serve);
  }

  private void serve(RoutingContext ctx) {
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
    if (accept != null && accept.contains("gzip")) {
      response.putHeader("Content-Encoding", "gzip").end(gzipped);
    } else {
      response.end(plain);
    }
  }

  public int gzippedSize() {
    return gzipped.length();
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
