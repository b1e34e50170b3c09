package io.leadgate.collect;

import io.leadgate.config.IpPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Applies a site's {@link IpPolicy} to an address: what is kept of it, if anything. */
public final class IpAnonymizer {
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
    if (!address.matches("[0-9a-fA-F:.]+")) {
      return null;
    }
    try {
      byte[] bytes = InetAddress.getByName(address).getAddress();
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
}
