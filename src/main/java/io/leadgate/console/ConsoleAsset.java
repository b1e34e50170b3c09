package io.leadgate.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * One file of the console, held in memory as built: plain and gzipped, with a strong ETag. Browsers revalidate on
 * every load ({@code no-cache}) and get a 304 until a gateway upgrade changes the file; the names carry no hash, so
 * a longer cache could pair a new page with an old script.
 */
final class ConsoleAsset {
  /**
   * Nothing from another host, no inline script or style, no framing: the console runs only its own bundle.
   * uPlot sizes its canvas through the CSSOM, which {@code style-src 'self'} allows.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private final String contentType;
  private final Buffer plain;
  private final Buffer gzipped;
  private final String etag;

  ConsoleAsset(String contentType, byte[] content) {
    this.contentType = contentType;
    this.plain = Buffer.buffer(content);
    this.gzipped = Buffer.buffer(gzip(content));
    this.etag = "\"" + HexFormat.of().formatHex(sha256(content), 0, 16) + "\"";
  }

  void serve(RoutingContext ctx) {
    var response = ctx.response()
        .putHeader("Content-Type", contentType)
        .putHeader("Cache-Control", "no-cache")
        .putHeader("ETag", etag)
        .putHeader("Vary", "Accept-Encoding")
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Frame-Options", "DENY");
    String ifNoneMatch = ctx.request().getHeader("If-None-Match");
    if (ifNoneMatch != null && ifNoneMatch.contains(etag)) {
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
      response.putHeader("Content-Length", String.valueOf(body.length())).end();
    } else {
      response.end(body);
    }
  }

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out) {
      {
        def.setLevel(Deflater.BEST_COMPRESSION);
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
