package io.leadgate;

import io.leadgate.config.ConfigException;
import io.leadgate.config.NetworkTransport;
import io.vertx.core.Vertx;
import io.vertx.core.transport.Transport;

/**
 * The Vert.x instance on the socket layer the configuration asks for. io_uring submits the writes of many answers in
 * one system call, where nio makes one per answer: under intake that was about a quarter less CPU per event. Docker's
 * default seccomp profile and older kernels refuse io_uring, so {@code auto} falls back to nio there.
 */
public final class Transports {
  private Transports() {
  }

  /** The transport {@code setting} resolves to on this machine; {@code io_uring} where it is unavailable is refused. */
  public static Transport choose(NetworkTransport setting) {
    Transport ioUring = Transport.IO_URING;
    boolean ioUringWorks = ioUring != null && ioUring.available();
    return switch (setting) {
      case NIO -> Transport.NIO;
      case AUTO -> ioUringWorks ? ioUring : Transport.NIO;
      case IO_URING -> {
        if (!ioUringWorks) {
          throw new ConfigException("server.transport", "io_uring is not available here ("
              + whyNot(ioUring) + "); use auto or nio");
        }
        yield ioUring;
      }
    };
  }

  /** The transport in use, and why not io_uring where {@code auto} fell back to nio: for the start-up log. */
  public static String describe(Transport chosen, NetworkTransport setting) {
    return chosen == Transport.NIO && setting == NetworkTransport.AUTO
        ? "nio (io_uring is not available here: " + whyNot(Transport.IO_URING) + ")" : chosen.name();
  }

  private static String whyNot(Transport ioUring) {
    if (ioUring == null) {
      return "its classes are not on the class path";
    }
    Throwable cause = ioUring.unavailabilityCause();
    return cause == null ? "unknown" : String.valueOf(cause.getMessage());
  }

  /** For harnesses that start the stores or the gateway as Main does. */
  public static Vertx vertx(NetworkTransport setting) {
    return Vertx.builder().withTransport(choose(setting)).build();
  }
}
