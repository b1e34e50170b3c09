package io.leadgate.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Recognises every way a URL host can spell an IP address, without any DNS lookup: dotted quads, the forms
 * {@code inet_aton} (and so many resolvers and HTTP clients) also accept ({@code 2130706433}, {@code 0177.0.0.1},
 * {@code 0x7f.1}, {@code 127.1}), a trailing dot, and bracketed IPv6.
 */
final class IpLiteral {
  private IpLiteral() {
  }

  /**
   * The address a URL host stands for when it is an IP literal in any spelling; null when it is a name.
   *
   * @throws IllegalArgumentException when it looks like an address but is not a valid one ({@code 1.2.3.4.5},
   *     {@code 0400.0.0.1}, {@code 08.1.1.1}) or carries an IPv6 zone
   */
  static InetAddress parse(String host) {
    String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.indexOf(':') >= 0) {
      if (h.indexOf('%') >= 0) {
        throw new IllegalArgumentException("an IPv6 zone (%) is not allowed in a webhook URL");
      }
      if (!h.matches("[0-9A-Fa-f:.]+")) {
        throw new IllegalArgumentException("\"" + host + "\" is not a valid IPv6 address");
      }
      return byLiteral(h, host);
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
  static InetAddress parseStrict(String text) {
    if (text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      for (String part : text.split("\\.")) {
        if (Integer.parseInt(part) > 255 || (part.length() > 1 && part.startsWith("0"))) {
          return null;
        }
      }
      return byLiteral(text, text);
    }
    if (text.indexOf(':') >= 0 && text.matches("[0-9A-Fa-f:.]+")) {
      try {
        return byLiteral(text, text);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
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
