package io.leadgate.http;

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

  private boolean isTrusted(String address) {
    byte[] bytes = Cidr.literal(address);
    return bytes != null && trusted.stream().anyMatch(c -> c.contains(bytes));
  }

  /** An address block such as {@code 10.0.0.0/8} or a single address. */
  record Cidr(byte[] network, int prefix) {
    static Cidr parse(String text) {
      String[] parts = text.strip().split("/");
      byte[] network = literal(parts[0]);
      if (network == null) {
        throw new IllegalArgumentException("not an IP address or CIDR block: \"" + text + "\"");
      }
      int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : network.length * 8;
      if (prefix < 0 || prefix > network.length * 8) {
        throw new IllegalArgumentException("prefix out of range in \"" + text + "\"");
      }
      return new Cidr(network, prefix);
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }

    /** Parses an IP literal without any DNS lookup; null when the text is not one. */
    static byte[] literal(String text) {
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
}
