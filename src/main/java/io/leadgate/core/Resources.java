package io.leadgate.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Files shipped inside the jar (scripts, lists, pages), read once at start-up. */
public final class Resources {
  private Resources() {
  }

  /** The resource's bytes; a missing resource is a broken build, not a runtime condition. */
  public static byte[] read(String name) {
    return find(name).orElseThrow(() -> new IllegalStateException(name + " is missing from the jar"));
  }

  public static Optional<byte[]> find(String name) {
    try (InputStream in = Resources.class.getClassLoader().getResourceAsStream(name)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException(name + " cannot be read from the jar", e);
    }
  }
}
