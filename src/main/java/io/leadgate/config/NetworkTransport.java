package io.leadgate.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** The socket layer under the HTTP server and the Redis and webhook clients (docs/operations.md, "Transport"). */
public enum NetworkTransport {
  /** io_uring where the kernel and its seccomp policy allow it, else nio. */
  AUTO,
  /** Linux's io_uring: the gateway does not start where it is unavailable. */
  IO_URING,
  /** The JDK's selector, on every platform. */
  NIO;

  @JsonCreator
  public static NetworkTransport parse(String value) {
    return Arrays.stream(values()).filter(t -> t.label().equals(value)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("must be one of auto, io_uring, nio (was \"" + value + "\")"));
  }

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
