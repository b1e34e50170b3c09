package io.leadgate.webhooks;

import io.leadgate.net.Cidr;
import io.leadgate.net.IpLiteral;
import io.vertx.core.Future;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Keeps webhooks from being turned against the gateway's own network (server-side request forgery): a URL whose
 * host is, spells, embeds or resolves to a loopback, private, link-local, CGNAT, cloud-metadata or otherwise
 * non-public address is refused, unless the address lies in one of the endpoint's {@code allowSubnets} (a
 * self-hosted receiver). The sender connects to the very address vetted here, so a name cannot resolve to a public
 * address for the check and to an internal one for the connection (DNS rebinding).
 *
 * <p>The checks are pure; {@link #vet} adds the resolution, which goes through a {@link Resolver} that never runs on
 * an event loop.
 */
public final class SsrfGuard {
  /** Looks a host name up: completes with its addresses, or fails. */
  @FunctionalInterface
  public interface Resolver {
    Future<List<InetAddress>> resolve(String host);
  }

  /** Address blocks that are never a webhook receiver, each with the reason given when one is refused. */
  private static final List<Block> BLOCKED = List.of(
      // cloud metadata services first, so the refusal names them rather than their wider block
      block("169.254.169.254/32", "a cloud metadata address"),
      block("169.254.170.2/32", "a cloud metadata address (AWS ECS)"),
      block("100.100.100.200/32", "a cloud metadata address (Alibaba)"),
      block("192.0.0.192/32", "a cloud metadata address (Oracle)"),
      block("fd00:ec2::254/128", "a cloud metadata address (AWS IPv6)"),
      block("0.0.0.0/8", "an unspecified address (\"this network\")"),
      block("10.0.0.0/8", "a private address"),
      block("100.64.0.0/10", "a CGNAT (shared) address"),
      block("127.0.0.0/8", "a loopback address"),
      block("169.254.0.0/16", "a link-local address"),
      block("172.16.0.0/12", "a private address"),
      block("192.0.0.0/24", "an IETF protocol address"),
      block("192.0.2.0/24", "a documentation address"),
      block("192.88.99.0/24", "a 6to4 relay address"),
      block("192.168.0.0/16", "a private address"),
      block("198.18.0.0/15", "a benchmarking address"),
      block("198.51.100.0/24", "a documentation address"),
      block("203.0.113.0/24", "a documentation address"),
      block("224.0.0.0/4", "a multicast address"),
      block("240.0.0.0/4", "a reserved or broadcast address"),
      block("::/128", "an unspecified address"),
      block("::1/128", "a loopback address"),
      block("64:ff9b:1::/48", "a local-use NAT64 address"),
      block("100::/64", "a discard address"),
      block("2001::/32", "a Teredo tunnel address"),
      block("2001:db8::/32", "a documentation address"),
      block("fc00::/7", "a unique local (private) address"),
      block("fe80::/10", "a link-local address"),
      block("fec0::/10", "a site-local address"),
      block("ff00::/8", "a multicast address"));

  private static final Cidr MAPPED = Cidr.parse("::ffff:0:0/96");
  private static final Cidr COMPATIBLE = Cidr.parse("::/96");
  private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
  private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

  private final List<Cidr> allowSubnets;

  public SsrfGuard(List<Cidr> allowSubnets) {
    this.allowSubnets = List.copyOf(allowSubnets);
  }

  /**
   * The host of a webhook URL, checked as far as possible without DNS: scheme http(s), a host, no user info.
   *
   * @return the host as it appears in the URL (brackets removed from IPv6)
   * @throws IllegalArgumentException saying what is wrong, including when the host spells a refused address
   */
  public String checkUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a valid URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("must be an http:// or https:// URL (was \"" + url + "\")");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("must not carry user info (user:password@); send credentials in headers");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      // java.net.URI rejects some spellings other parsers take as addresses (127.1, 0x7f.0.0.1): say which
      String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().replaceFirst(":\\d*$", "");
      InetAddress spelled = authority.isEmpty() ? null : IpLiteral.parse(authority);
      String refusal = spelled == null ? null : refusal(spelled);
      throw new IllegalArgumentException(refusal != null
          ? "host " + authority + " spells " + spelled.getHostAddress() + ", " + refusal
          : spelled != null ? "host " + authority + " must be written as " + spelled.getHostAddress()
          : "has no valid host (was \"" + url + "\")");
    }
    if (uri.getRawFragment() != null) {
      throw new IllegalArgumentException("must not have a #fragment");
    }
    InetAddress literal = IpLiteral.parse(host);
    if (literal != null) {
      String refusal = refusal(literal);
      if (refusal != null) {
        throw new IllegalArgumentException("host " + host + " is " + refusal + "; add its subnet to allowSubnets to allow it");
      }
    }
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  /** Why the sender may not connect to this address, or null when it may. */
  public String refusal(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (allowed(bytes)) {
      return null;
    }
    if (address instanceof Inet6Address) {
      byte[] embedded = embeddedIpv4(bytes);
      if (embedded != null) {
        String kind = MAPPED.contains(bytes) ? "IPv4-mapped" : NAT64.contains(bytes) ? "NAT64"
            : SIX_TO_FOUR.contains(bytes) ? "6to4" : "IPv4-compatible";
        String inner = allowed(embedded) ? null : reasonFor(embedded);
        return inner == null ? null : "an " + kind + " form of " + ipv4Text(embedded) + ", " + inner;
      }
    }
    return reasonFor(bytes);
  }

  /**
   * Resolves the host (unless it is a literal) and checks every address it stands for; completes with the address to
   * connect to, or fails with {@link SsrfRefusedException} (or the resolver's failure).
   */
  public Future<InetAddress> vet(String host, Resolver resolver) {
    InetAddress literal;
    try {
      literal = IpLiteral.parse(host);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new SsrfRefusedException(e.getMessage()));
    }
    Future<List<InetAddress>> addresses = literal != null ? Future.succeededFuture(List.of(literal)) : resolver.resolve(host);
    return addresses.compose(list -> {
      if (list.isEmpty()) {
        return Future.failedFuture(new UnknownHostException(host));
      }
      for (InetAddress address : list) {
        String refusal = refusal(address);
        if (refusal != null) {
          return Future.failedFuture(new SsrfRefusedException(host + " resolves to " + address.getHostAddress()
              + ", " + refusal + "; add its subnet to allowSubnets to allow it"));
        }
      }
      return Future.succeededFuture(list.get(0));
    });
  }

  private boolean allowed(byte[] bytes) {
    return allowSubnets.stream().anyMatch(c -> c.contains(bytes));
  }

  private static String reasonFor(byte[] bytes) {
    for (Block block : BLOCKED) {
      if (block.cidr().contains(bytes)) {
        return block.reason();
      }
    }
    return null;
  }

  /** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6 address; null for others. */
  static byte[] embeddedIpv4(byte[] v6) {
    if (v6.length != 16) {
      return null;
    }
    if (MAPPED.contains(v6) || NAT64.contains(v6) || (COMPATIBLE.contains(v6) && !isZeroOrOne(v6))) {
      return java.util.Arrays.copyOfRange(v6, 12, 16);
    }
    if (SIX_TO_FOUR.contains(v6)) {
      return java.util.Arrays.copyOfRange(v6, 2, 6);
    }
    return null;
  }

  private static boolean isZeroOrOne(byte[] v6) {
    for (int i = 0; i < 15; i++) {
      if (v6[i] != 0) {
        return false;
      }
    }
    return v6[15] == 0 || v6[15] == 1;
  }

  private static String ipv4Text(byte[] v4) {
    try {
      return Inet4Address.getByAddress(v4).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Block block(String cidr, String reason) {
    return new Block(Cidr.parse(cidr), reason);
  }

  private record Block(Cidr cidr, String reason) {
  }

  /** The address a webhook would go to is not one the gateway may call. */
  public static final class SsrfRefusedException extends RuntimeException {
    public SsrfRefusedException(String message) {
      super(message, null, false, false);
    }
  }
}
