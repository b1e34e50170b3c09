package io.leadgate.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.leadgate.config.IpPolicy;
import org.junit.jupiter.api.Test;

class IpAnonymizerTest {
  @Test
  void truncated_zeroesTheLastIpv4Octet() {
    assertEquals("203.0.113.0", IpAnonymizer.apply(IpPolicy.TRUNCATED, "203.0.113.77"));
  }

  @Test
  void truncated_zeroesTheLast80BitsOfIpv6() {
    assertEquals("2001:db8:abcd:0:0:0:0:0", IpAnonymizer.apply(IpPolicy.TRUNCATED, "2001:db8:abcd:12:3456:789a:bcde:f012"));
  }

  @Test
  void none_keepsNothing() {
    assertNull(IpAnonymizer.apply(IpPolicy.NONE, "203.0.113.77"));
  }

  @Test
  void full_keepsTheAddress() {
    assertEquals("203.0.113.77", IpAnonymizer.apply(IpPolicy.FULL, "203.0.113.77"));
  }

  @Test
  void hostName_isNeverLookedUp() {
    assertNull(IpAnonymizer.apply(IpPolicy.TRUNCATED, "example.com"));
  }
}
