package io.leadgate.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** How much of a visitor's IP address a site keeps. */
public enum IpPolicy {
  /** Nothing is kept. */
  NONE,
  /** The last octet of IPv4 and the last 80 bits of IPv6 are zeroed: enough for a region, not a household. */
  TRUNCATED,
  /** The whole address. */
  FULL;

  @JsonCreator
  public static IpPolicy parse(String value) {
    return Arrays.stream(values()).filter(p -> p.name().equalsIgnoreCase(value)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("must be one of none, truncated, full (was \"" + value + "\")"));
  }

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
