package io.leadgate.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Recognises every way a URL host can spell an IP address, without any DNS lookup: dotted quads, the forms
 * {@code inet_aton} (and so many resolvers and HTTP clients) also accept ({@code 2130706433}, {@code 0177.0.0.1},
 * {@code 0x7f.1}, {@code 127.1}), a trailing dot, and bracketed IPv6.
 */
public final class IpLiteral {
  private IpLiteral() {
  }

  /**
   * The address a URL host stands for when it is an IP literal in any spelling; null when it is a name.
   *
   * @throws IllegalArgumentException when it looks like an address but is not a valid one ({@code 1.2.3.4.5},
   *     {@code 0400.0.0.1}, {@code 08.1.1.1}) or carries an IPv6 zone
   */
  public static InetAddress parse(String host) {
    String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.indexOf(':') >= 0) {
      if (h.indexOf('%') >= 0) {
        throw new IllegalArgumentException("an IPv6 zone (%) is not allowed in a webhook URL");
      }
      byte[] bytes = ipv6(h);
      if (bytes == null) {
        throw new IllegalArgumentException("\"" + host + "\" is not a valid IPv6 address");
      }
      return v6(bytes);
    }
    String[] parts = h.split("\\.", -1);
    for (String part : parts) {
      if (!part.matches("0[xX][0-9A-Fa-f]*|[0-9]+")) {
        return null; // a name: at least one label is not a number
      }
    }
    if (parts.length > 4) {
      throw new IllegalArgumentException("\"" + host + "\" looks like an IP address but has more than four parts");
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      values[i] = number(parts[i], host);
    }
    long address = 0;
    for (int i = 0; i < parts.length - 1; i++) {
      if (values[i] > 255) {
        throw new IllegalArgumentException("\"" + host + "\" looks like an IP address but a part is over 255");
      }
      address = address << 8 | values[i];
    }
    int restBits = 8 * (5 - parts.length);
    long last = values[parts.length - 1];
    if (last >= 1L << restBits) {
      throw new IllegalArgumentException("\"" + host + "\" looks like an IP address but its last part is too large");
    }
    address = address << restBits | last;
    byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an address", e);
    }
  }

  /** Only the canonical spellings (dotted quad, IPv6): for configuration such as {@code allowSubnets}. */
  public static InetAddress parseStrict(String text) {
    if (text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      for (String part : text.split("\\.")) {
        if (Integer.parseInt(part) > 255 || (part.length() > 1 && part.startsWith("0"))) {
          return null;
        }
      }
      return byLiteral(text, text);
    }
    byte[] bytes = text.indexOf(':') >= 0 ? ipv6(text) : null;
    return bytes == null ? null : v6(bytes);
  }

  /**
   * The sixteen bytes of an IPv6 literal (with an optional dotted IPv4 tail), or null when it is not one. Parsed
   * here because {@link InetAddress} turns IPv4-mapped addresses into IPv4 ones, losing what the check must see.
   */
  static byte[] ipv6(String text) {
    if (!text.matches("[0-9A-Fa-f:.]+") || text.indexOf("::") != text.lastIndexOf("::")) {
      return null;
    }
    byte[] tail = null;
    String groups = text;
    if (text.indexOf('.') >= 0) {
      int colon = text.lastIndexOf(':');
      InetAddress v4 = colon < 0 ? null : parseStrict(text.substring(colon + 1));
      if (v4 == null || v4.getAddress().length != 4) {
        return null;
      }
      tail = v4.getAddress();
      groups = text.substring(0, colon + 1) + "0:0";
      if (groups.endsWith(":::0:0")) {
        return null;
      }
    }
    String[] halves = groups.split("::", -1);
    String[] left = halves[0].isEmpty() ? new String[0] : halves[0].split(":", -1);
    String[] right = halves.length < 2 || halves[1].isEmpty() ? new String[0] : halves[1].split(":", -1);
    int given = left.length + right.length;
    if (halves.length == 1 ? given != 8 : given > 7) {
      return null;
    }
    byte[] bytes = new byte[16];
    if (!fill(left, bytes, 0) || !fill(right, bytes, 16 - 2 * right.length)) {
      return null;
    }
    if (tail != null) {
      System.arraycopy(tail, 0, bytes, 12, 4);
    }
    return bytes;
  }

  private static boolean fill(String[] groups, byte[] bytes, int offset) {
    for (int i = 0; i < groups.length; i++) {
      if (!groups[i].matches("[0-9A-Fa-f]{1,4}")) {
        return false;
      }
      int value = Integer.parseInt(groups[i], 16);
      bytes[offset + 2 * i] = (byte) (value >>> 8);
      bytes[offset + 2 * i + 1] = (byte) value;
    }
    return true;
  }

  private static InetAddress v6(byte[] bytes) {
    try {
      return java.net.Inet6Address.getByAddress(null, bytes, -1);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("sixteen bytes are always an address", e);
    }
  }

  private static long number(String part, String host) {
    try {
      if (part.startsWith("0x") || part.startsWith("0X")) {
        return part.length() == 2 ? 0 : Long.parseLong(part.substring(2), 16);
      }
      if (part.length() > 1 && part.startsWith("0")) {
        return Long.parseLong(part.substring(1), 8);
      }
      return Long.parseLong(part);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("\"" + host + "\" looks like an IP address but \"" + part + "\" is not a number");
    }
  }

  private static InetAddress byLiteral(String literal, String host) {
    try {
      // a literal (digits, hex and separators only) is parsed, never looked up
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("\"" + host + "\" is not a valid IP address");
    }
  }
}
