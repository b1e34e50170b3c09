package io.leadgate.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one store a test class runs a gateway on: the in-memory store (no Redis), a standalone redis-server of the
 * class's own, or the suite's shared cluster ({@link RedisCluster#shared()}, emptied when the class starts).
 * {@code @RegisterExtension static final OneStore redis = OneStore.onServer();}, or through {@link ApiHarness}.
 */
public final class OneStore implements BeforeAllCallback, AfterAllCallback {
  /** Which store: what a contract suite's subclass names with {@link RunsOn}. */
  public enum Kind { MEMORY, SERVER, CLUSTER }

  private final Kind kind;
  private RedisServer server;

  private OneStore(Kind kind) {
    this.kind = kind;
  }

  public static OneStore of(Kind kind) {
    return new OneStore(kind);
  }

  public static OneStore inMemory() {
    return of(Kind.MEMORY);
  }

  public static OneStore onServer() {
    return of(Kind.SERVER);
  }

  public static OneStore onCluster() {
    return of(Kind.CLUSTER);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    open();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** Starts the server, or empties the shared cluster. */
  public void open() {
    if (kind == Kind.SERVER) {
      server = RedisServer.start();
    } else if (kind == Kind.CLUSTER) {
      RedisCluster.shared().flush();
    }
  }

  /** Stops the server; the shared cluster stays up for the next class. */
  public void close() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** What the gateway's configuration names: none on the in-memory store (each gateway starts with its own). */
  public String url() {
    return switch (kind) {
      case MEMORY -> null;
      case SERVER -> server.url();
      case CLUSTER -> RedisCluster.shared().url();
    };
  }

  /** Empties the Redis store; nothing to do in memory, where the next gateway starts empty. */
  public void flush() {
    if (kind == Kind.SERVER) {
      server.flush();
    } else if (kind == Kind.CLUSTER) {
      RedisCluster.shared().flush();
    }
  }

  public Kind kind() {
    return kind;
  }

  /** The standalone server, for a test that reads its keys or stops it; none in memory or on the cluster. */
  public RedisServer server() {
    return server;
  }
}
