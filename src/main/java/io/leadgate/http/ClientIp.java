package io.leadgate.http;

import io.leadgate.net.Cidr;
import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address of the browser behind the request. {@code X-Forwarded-For} is believed only as far as the
 * hops are trusted proxies: the right-most address not on the list is the client.
 */
public final class ClientIp {
  private static final Pattern IP_CHARS = Pattern.compile("[0-9a-fA-F:.]+");
  private final List<Cidr> trusted;

  public ClientIp(List<String> trustedProxies) {
    this.trusted = trustedProxies.stream().map(Cidr::parse).toList();
  }

  public String of(HttpServerRequest request) {
    String remote = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    if (remote == null || trusted.isEmpty() || !isTrusted(remote)) {
      return remote;
    }
    String forwarded = request.getHeader("X-Forwarded-For");
    if (forwarded == null) {
      return remote;
    }
    String[] hops = forwarded.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      if (!hop.isEmpty() && !isTrusted(hop)) {
        return hop;
      }
    }
    return remote;
  }

  /** Whether the request came straight from a trusted proxy (whose {@code X-Forwarded-*} headers are believed). */
  public boolean fromTrustedProxy(HttpServerRequest request) {
    String remote = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    return remote != null && !trusted.isEmpty() && isTrusted(remote);
  }

  private boolean isTrusted(String address) {
    byte[] bytes = literal(address);
    return bytes != null && trusted.stream().anyMatch(c -> c.contains(bytes));
  }

  /** Parses an IP literal without any DNS lookup; null when the text is not one. */
  private static byte[] literal(String text) {
    if (text == null || text.isEmpty() || !IP_CHARS.matcher(text).matches()) {
      return null;
    }
    byte[] literal = NetUtil.createByteArrayFromIpAddressString(text);
    if (literal == null) {
      return null; // never InetAddress.getByName: a name in X-Forwarded-For would be looked up on the event loop
    }
    try {
      return InetAddress.getByAddress(literal).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
