package io.leadgate.testing;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte for byte on a plain socket, for requests no well-behaved client would send (broken
 * escapes, invalid UTF-8, NUL). Each request asks for {@code Connection: close}; the answer is read to the end of
 * the stream. Blocking: for test threads only.
 */
public final class RawHttp {
  private final int port;
  private final int timeoutMillis;

  public RawHttp(int port, int timeoutMillis) {
    this.port = port;
    this.timeoutMillis = timeoutMillis;
  }

  /** An answer as read off the wire; {@code status} -1 when the gateway closed without answering. */
  public record Answer(int status, Map<String, String> headers, byte[] body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The JSON body, or null when the body is not a JSON object. */
    public JsonObject json() {
      try {
        return new JsonObject(text());
      } catch (DecodeException | ClassCastException e) {
        return null;
      }
    }
  }

  /** The request did not finish within the timeout: the gateway hangs on it. */
  public static final class Hang extends IOException {
    public Hang(String message) {
      super(message);
    }
  }

  /** Sends the request head (without the blank line) and body, as given. */
  public Answer send(String method, String target, Map<String, String> headers, byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write((method + " " + target + " HTTP/1.1\r\n").getBytes(StandardCharsets.ISO_8859_1));
    boolean hasHost = false;
    for (Map.Entry<String, String> header : headers.entrySet()) {
      hasHost |= header.getKey().equalsIgnoreCase("Host");
      out.write((header.getKey() + ": " + header.getValue() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }
    if (!hasHost) {
      out.write(("Host: 127.0.0.1:" + port + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }
    out.write("Connection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    if (body != null) {
      out.write(body);
    }
    return exchange(out.toByteArray());
  }

  /** Writes the bytes as they are and reads the answer. */
  public Answer exchange(byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(timeoutMillis);
      try {
        socket.getOutputStream().write(request);
        // no half-close: Vert.x takes the end of input for a closed connection and drops an answer still on its way
        socket.getOutputStream().flush();
      } catch (java.net.SocketException closed) {
        // the gateway answered and closed before reading everything (a body over the limit): read its answer
      }
      return parse(readAll(socket.getInputStream()));
    } catch (SocketTimeoutException e) {
      throw new Hang("no complete answer within " + timeoutMillis + " ms");
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    try {
      for (int n; (n = in.read(chunk)) >= 0; ) {
        all.write(chunk, 0, n);
      }
    } catch (java.net.SocketException reset) {
      // a reset after the answer was written: keep what arrived
    }
    return all.toByteArray();
  }

  private static Answer parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int headEnd = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/") || headEnd < 0) {
      return new Answer(-1, Map.of(), raw);
    }
    String[] lines = text.substring(0, headEnd).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    if (status >= 100 && status < 200 && status != 101) {
      // an interim answer (100 Continue): the final one follows
      return parse(java.util.Arrays.copyOfRange(raw, headEnd + 4, raw.length));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
      }
    }
    byte[] body = java.util.Arrays.copyOfRange(raw, headEnd + 4, raw.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Answer(status, headers, body);
  }

  private static byte[] dechunk(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < body.length) {
      int lineEnd = indexOfCrlf(body, at);
      if (lineEnd < 0) {
        break;
      }
      String sizeText = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip();
      int size = Integer.parseInt(sizeText, 16);
      if (size == 0) {
        break;
      }
      out.write(body, lineEnd + 2, Math.min(size, body.length - lineEnd - 2));
      at = lineEnd + 2 + size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOfCrlf(byte[] bytes, int from) {
    for (int i = from; i + 1 < bytes.length; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
