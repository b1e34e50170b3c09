package io.leadgate.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.net.Cidr;
import io.vertx.core.Future;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SsrfGuardTest {
  final SsrfGuard guard = new SsrfGuard(List.of());

  @ParameterizedTest(name = "{0} refused as {1}")
  @CsvSource(delimiter = '|', textBlock = """
      http://127.0.0.1/hook                    | loopback
      http://127.8.9.10/                       | loopback
      http://localhost.:80/                    | ''
      http://2130706433/                       | loopback
      http://0177.0.0.1/                       | loopback
      http://0x7f.0.0.1/                       | loopback
      http://0x7f000001/                       | loopback
      http://017700000001/                     | loopback
      http://127.1/                            | loopback
      http://127.0.1/                          | loopback
      http://127.0.0.1./                       | loopback
      http://0/                                | unspecified
      http://0.0.0.0/                          | unspecified
      http://[::1]/                            | loopback
      http://[::]/                             | unspecified
      http://[::ffff:127.0.0.1]/               | loopback
      http://[::ffff:7f00:1]/                  | loopback
      http://[0:0:0:0:0:ffff:a9fe:a9fe]/       | cloud metadata
      http://[64:ff9b::127.0.0.1]/             | NAT64 form of 127.0.0.1, a loopback
      http://[64:ff9b::a9fe:a9fe]/             | NAT64 form of 169.254.169.254, a cloud metadata
      http://[2002:7f00:1::]/                  | 6to4 form of 127.0.0.1, a loopback
      http://[2002:c0a8:101::1]/               | 6to4 form of 192.168.1.1, a private
      http://[::127.0.0.1]/                    | IPv4-compatible form of 127.0.0.1
      http://10.0.0.1/                         | private
      http://172.16.5.4/                       | private
      http://172.31.255.255/                   | private
      http://192.168.0.10/                     | private
      http://012.0.0.1/                        | private
      http://100.64.0.1/                       | CGNAT
      http://100.127.255.254/                  | CGNAT
      http://169.254.169.254/latest/meta-data/ | cloud metadata
      http://2852039166/                       | cloud metadata
      http://0xa9.0xfe.0xa9.0xfe/              | cloud metadata
      http://169.254.170.2/                    | cloud metadata
      http://100.100.100.200/                  | cloud metadata
      http://[fd00:ec2::254]/                  | cloud metadata
      http://169.254.1.1/                      | link-local
      http://[fe80::1]/                        | link-local
      http://[fc00::1]/                        | unique local
      http://[fd12:3456::1]/                   | unique local
      http://224.0.0.1/                        | multicast
      http://[ff02::1]/                        | multicast
      http://255.255.255.255/                  | broadcast
      http://198.18.0.1/                       | benchmarking
      http://[2001:db8::1]/                    | documentation
      http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/ | Teredo
      """)
  void checkUrl_internalAddressInAnyDisguise_refused(String url, String reason) {
    if (url.contains("localhost")) {
      return; // a name: refused when it resolves (see vet_nameResolvingToLoopback_refused)
    }
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> guard.checkUrl(url));
    assertTrue(refused.getMessage().contains(reason), refused.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"http://1.2.3.4.5/", "http://0400.0.0.1/", "http://08.0.0.1/", "http://256.1.1.1/",
      "http://1.2.3.4294967296/", "http://[fe80::1%25eth0]/"})
  void checkUrl_malformedAddress_refused(String url) {
    assertThrows(IllegalArgumentException.class, () -> guard.checkUrl(url));
  }

  @ParameterizedTest
  @CsvSource({"https://crm.example.com/hook", "http://93.184.216.34/", "http://1password.com/", "http://8.8.8.8/",
      "http://[2606:4700::1111]/", "http://[64:ff9b::808:808]/", "http://[2002:808:808::1]/", "https://0xdead.example/"})
  void checkUrl_publicDestination_accepted(String url) {
    guard.checkUrl(url);
  }

  @ParameterizedTest
  @CsvSource({"ftp://example.com/", "file:///etc/passwd", "http://user:pw@example.com/", "http:///nohost",
      "http://example.com/#frag", "not a url"})
  void checkUrl_notAPlainHttpUrl_refused(String url) {
    assertThrows(IllegalArgumentException.class, () -> guard.checkUrl(url));
  }

  @Test
  void allowSubnets_letsASelfHostedReceiverThrough_inEverySpelling() throws Exception {
    SsrfGuard allowing = new SsrfGuard(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("10.1.0.0/16")));
    allowing.checkUrl("http://127.0.0.1:8080/hook");
    allowing.checkUrl("http://[::ffff:127.0.0.1]/");
    allowing.checkUrl("http://10.1.2.3/");
    assertThrows(IllegalArgumentException.class, () -> allowing.checkUrl("http://10.2.0.1/"));
    assertThrows(IllegalArgumentException.class, () -> allowing.checkUrl("http://169.254.169.254/"));
    assertNull(allowing.refusal(InetAddress.getByName("127.0.0.1")));
  }

  @Test
  void vet_nameResolvingToLoopback_refused() {
    Throwable e = vet(guard, "rebind.example", "127.0.0.1");
    assertInstanceOf(SsrfGuard.SsrfRefusedException.class, e);
    assertTrue(e.getMessage().contains("rebind.example resolves to 127.0.0.1, a loopback address"), e.getMessage());
  }

  @Test
  void vet_nameWithOnePublicAndOnePrivateAddress_refused() {
    assertInstanceOf(SsrfGuard.SsrfRefusedException.class, vet(guard, "mixed.example", "93.184.216.34", "10.0.0.7"));
  }

  @Test
  void vet_publicName_givesTheAddressToConnectTo() throws Exception {
    InetAddress publicAddress = InetAddress.getByName("93.184.216.34");
    InetAddress address = guard.vet("crm.example", host -> Future.succeededFuture(List.of(publicAddress)))
        .await(1, TimeUnit.SECONDS);
    assertEquals("93.184.216.34", address.getHostAddress());
  }

  @Test
  void vet_literal_neverAsksTheResolver() throws Exception {
    InetAddress address = guard.vet("8.8.8.8", host -> {
      throw new AssertionError("a literal must not be resolved");
    }).await(1, TimeUnit.SECONDS);
    assertEquals("8.8.8.8", address.getHostAddress());
    assertInstanceOf(SsrfGuard.SsrfRefusedException.class,
        guard.vet("2130706433", host -> {
          throw new AssertionError("a literal must not be resolved");
        }).cause());
  }

  private static Throwable vet(SsrfGuard guard, String host, String... addresses) {
    return guard.vet(host, h -> {
      try {
        List<InetAddress> list = new java.util.ArrayList<>();
        for (String a : addresses) {
          list.add(InetAddress.getByName(a));
        }
        return Future.succeededFuture(list);
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }).cause();
  }
}
