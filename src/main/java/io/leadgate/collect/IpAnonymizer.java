package io.leadgate.collect;

import io.leadgate.config.IpPolicy;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Applies a site's {@link IpPolicy} to an address: what is kept of it, if anything. */
public final class IpAnonymizer {
  private static final Pattern IP_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

  private IpAnonymizer() {
  }

  /** The address as the policy allows it to be stored, or null. */
  public static String apply(IpPolicy policy, String address) {
    if (address == null || policy == IpPolicy.NONE) {
      return null;
    }
    if (policy == IpPolicy.FULL) {
      return address;
    }
    String v4 = truncatedV4(address);
    if (v4 != null) {
      return v4;
    }
    if (!IP_CHARS.matcher(address).matches()) {
      return null;
    }
    byte[] literal = NetUtil.createByteArrayFromIpAddressString(address);
    if (literal == null) {
      return null; // not an IP literal; InetAddress.getByName would have asked DNS, on the event loop
    }
    try {
      byte[] bytes = InetAddress.getByAddress(literal).getAddress(); // ::ffff:a.b.c.d becomes 4 bytes, as before
      // IPv4: the last octet; IPv6: the last 80 bits (keeps the /48 routing prefix)
      int keep = bytes.length == 4 ? 3 : 6;
      for (int i = keep; i < bytes.length; i++) {
        bytes[i] = 0;
      }
      return InetAddress.getByAddress(bytes).getHostAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /**
   * The common case without {@link InetAddress}: an IPv4 address in canonical dotted-quad form (what the connection
   * reports) with its last octet zeroed, exactly as the general path writes it; null for any other form.
   */
  static String truncatedV4(String address) {
    int octets = 0;
    int lastDot = -1;
    int start = 0;
    int length = address.length();
    for (int i = 0; i <= length; i++) {
      if (i < length && address.charAt(i) != '.') {
        char c = address.charAt(i);
        if (c < '0' || c > '9' || i - start >= 3) {
          return null;
        }
        continue;
      }
      int digits = i - start;
      if (digits == 0 || (digits > 1 && address.charAt(start) == '0')
          || Integer.parseInt(address, start, i, 10) > 255 || ++octets > 4) {
        return null;
      }
      if (i < length) {
        lastDot = i;
      }
      start = i + 1;
    }
    return octets == 4 ? address.substring(0, lastDot + 1) + "0" : null;
  }
}
