package io.leadgate.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The one store a test class runs a gateway on: the in-memory store (no Redis), a standalone redis-server of the
 * class's own, or the suite's shared cluster ({@link RedisCluster#shared()}, emptied when the class starts).
 * {@code @RegisterExtension static final OneStore redis = OneStore.onServer();}, or in a contract suite whose
 * subclasses name the store with {@link RunsOn}: {@code OneStore.asTheClassRunsOn()}.
 */
public final class OneStore implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  /** Which store: what a contract suite's subclass names with {@link RunsOn}. */
  public enum Kind { MEMORY, SERVER, CLUSTER }

  private final Kind given;
  private Kind kind;
  private boolean emptiedBeforeEach;
  private RedisServer server;

  private OneStore(Kind given) {
    this.given = given;
    this.kind = given;
  }

  /** The store the test class names with {@link RunsOn}: a contract suite declares it, each subclass picks. */
  public static OneStore asTheClassRunsOn() {
    return new OneStore(null);
  }

  /** The kind the test class names with {@link RunsOn}. */
  static Kind named(ExtensionContext context) {
    return AnnotationSupport.findAnnotation(context.getRequiredTestClass(), RunsOn.class)
        .map(RunsOn::value)
        .orElseThrow(() -> new IllegalStateException(context.getRequiredTestClass().getSimpleName()
            + " has no @RunsOn: which store should it run on?"));
  }

  /** Emptied before each test too, not only when the class starts. */
  public OneStore emptiedBeforeEach() {
    emptiedBeforeEach = true;
    return this;
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
    kind = given != null ? given : named(context);
    open();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (emptiedBeforeEach) {
      flush();
    }
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
