package io.leadgate.net;

import java.net.InetAddress;
import java.util.Arrays;

/** An address block such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a block of one. */
public record Cidr(byte[] network, int prefix, String text) {

  /** @throws IllegalArgumentException when the text is not an IP literal with an optional prefix length in range */
  public static Cidr parse(String text) {
    String value = text == null ? "" : text.strip();
    int slash = value.indexOf('/');
    String address = slash < 0 ? value : value.substring(0, slash);
    InetAddress parsed = IpLiteral.parseStrict(address);
    if (parsed == null) {
      throw new IllegalArgumentException("must be an IP address or CIDR block like 10.0.0.0/8 (was \"" + text + "\")");
    }
    byte[] network = parsed.getAddress();
    int prefix;
    try {
      prefix = slash < 0 ? network.length * 8 : Integer.parseInt(value.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("has no valid prefix length (was \"" + text + "\")");
    }
    if (prefix < 0 || prefix > network.length * 8) {
      throw new IllegalArgumentException("prefix length must be 0 to " + network.length * 8 + " (was \"" + text + "\")");
    }
    return new Cidr(network, prefix, value);
  }

  public boolean contains(byte[] address) {
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

  @Override
  public boolean equals(Object other) {
    return other instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefix;
  }

  @Override
  public String toString() {
    return text;
  }
}
