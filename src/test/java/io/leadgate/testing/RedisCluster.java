package io.leadgate.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Redis Cluster of three masters with a replica each on loopback free ports ({@code redis-server
 * --cluster-enabled yes} per node, {@code redis-cli --cluster create … --cluster-replicas 1}), AOF on, and a short
 * {@code cluster-node-timeout} so that a killed master's replica takes over within seconds.
 *
 * <p>{@link #shared()} is one cluster for the whole test run (started on first use, stopped when the JVM exits):
 * the store suites only flush it between tests. A test that kills nodes takes its own: {@link #perClass()}.
 */
public final class RedisCluster implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
  public static final int NODE_TIMEOUT_MS = 1000;
  private static RedisCluster shared;
  private final Path dir;
  private final List<Integer> ports = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();
  private final List<List<String>> commands = new ArrayList<>();

  private RedisCluster(Path dir) {
    this.dir = dir;
  }

  /** The run's cluster, started on first use and stopped when the JVM exits. */
  public static synchronized RedisCluster shared() {
    if (shared == null) {
      RedisCluster cluster = create();
      cluster.start();
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
      shared = cluster;
    }
    return shared;
  }

  /** A cluster of the test class's own: {@code @RegisterExtension static final RedisCluster c = RedisCluster.perClass();} */
  public static RedisCluster perClass() {
    return create();
  }

  private static RedisCluster create() {
    try {
      return new RedisCluster(Files.createTempDirectory("leadgate-cluster-"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot prepare a Redis Cluster", e);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (processes.isEmpty()) {
      start();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /**
   * How the test harness names this cluster to {@link TestGateway} and the store tests:
   * {@code redis-cluster://127.0.0.1:P1,127.0.0.1:P2,…} (see {@link TestRedis#config}).
   */
  public String url() {
    return "redis-cluster://" + ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
  }

  /** The seeds as the gateway's configuration lists them. */
  public List<String> nodes() {
    return ports.stream().map(p -> "redis://127.0.0.1:" + p).toList();
  }

  public List<Integer> ports() {
    return List.copyOf(ports);
  }

  /** The ports of the nodes that are masters now (failovers change them). */
  public List<Integer> masters() {
    List<Integer> masters = new ArrayList<>();
    for (int i = 0; i < ports.size(); i++) {
      if (alive(i) && RedisServer.command(ports.get(i), "ROLE").startsWith("master")) {
        masters.add(ports.get(i));
      }
    }
    return masters;
  }

  /** The port of the master that serves {@code key} now. */
  public int masterOf(String key) {
    for (int port : masters()) {
      // the owner answers; every other master redirects with MOVED
      if (!RedisServer.command(port, "EXISTS", key).startsWith("ERR:MOVED")) {
        return port;
      }
    }
    throw new IllegalStateException("no master serves " + key);
  }

  /** Sends a command to the master that owns {@code key}, the way a cluster client would. */
  public String command(String key, String... args) {
    return RedisServer.command(masterOf(key), args);
  }

  /** Empties every master between tests (replicas follow). */
  public void flush() {
    for (int port : masters()) {
      RedisServer.command(port, "FLUSHALL");
    }
  }

  /** Kills a node as a crash would ({@code kill -9}): no shutdown, no last fsync. */
  public void kill(int port) {
    int index = ports.indexOf(port);
    processes.get(index).destroyForcibly();
    try {
      processes.get(index).waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops every node at once, as a whole-site outage: {@code crash} kills them ({@code kill -9}: no last fsync, so up
   * to the last second of {@code appendfsync everysec} is lost); otherwise SIGTERM, a clean shutdown that fsyncs the
   * AOF. Their data directories stay: {@link #startAll} starts each from its AOF and {@code nodes.conf}.
   */
  public void stopAll(boolean crash) {
    for (Process process : processes) {
      if (crash) {
        process.destroyForcibly();
      } else {
        process.destroy();
      }
    }
    for (Process process : processes) {
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("a node did not stop within 30 s (" + dir + ")");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Starts every stopped node again on its port, from its data directory; waits until all are up and in sync. */
  public void startAll(Duration within) {
    for (int i = 0; i < ports.size(); i++) {
      if (!alive(i)) {
        processes.set(i, launch(i));
      }
    }
    ports.forEach(RedisCluster::awaitPing);
    awaitHealthy(within);
    awaitReplicasInSync(within);
  }

  private Process launch(int index) {
    Path nodeDir = dir.resolve(Integer.toString(ports.get(index)));
    try {
      return new ProcessBuilder(commands.get(index)).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(nodeDir.resolve("stdout.log").toFile())).start();
    } catch (IOException e) {
      throw new IllegalStateException("redis-server or redis-cli is not on PATH (apt-get install redis-server)", e);
    }
  }

  /** Waits until every live node reports {@code cluster_state:ok} (all slots served by a master). */
  public void awaitHealthy(Duration within) {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      if (healthy()) {
        return;
      }
      sleep(50);
    }
    throw new IllegalStateException("the cluster did not become healthy within " + within + " (" + dir + ")");
  }

  public boolean healthy() {
    for (int i = 0; i < ports.size(); i++) {
      if (!alive(i)) {
        continue;
      }
      try {
        if (!RedisServer.command(ports.get(i), "CLUSTER", "INFO").contains("cluster_state:ok")) {
          return false;
        }
      } catch (IllegalStateException e) {
        return false;
      }
    }
    return true;
  }

  private boolean alive(int index) {
    return processes.get(index).isAlive();
  }

  private void start() {
    try {
      for (int i = 0; i < 6; i++) {
        int port = RedisServer.freePort();
        Path nodeDir = Files.createDirectories(dir.resolve(Integer.toString(port)));
        ports.add(port);
        commands.add(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
            "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
            "--cluster-node-timeout", Integer.toString(NODE_TIMEOUT_MS), "--dir", nodeDir.toString(),
            "--save", "", "--appendonly", "yes", "--appendfsync", "everysec",
            "--logfile", nodeDir.resolve("redis.log").toString()));
        processes.add(launch(i));
      }
      for (int port : ports) {
        awaitPing(port);
      }
      List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
      ports.forEach(p -> create.add("127.0.0.1:" + p));
      create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
      Process cli = new ProcessBuilder(create).redirectErrorStream(true)
          .redirectOutput(dir.resolve("create.log").toFile()).start();
      if (!cli.waitFor(60, TimeUnit.SECONDS) || cli.exitValue() != 0) {
        throw new IllegalStateException("redis-cli --cluster create failed: " + Files.readString(dir.resolve("create.log")));
      }
      awaitHealthy(Duration.ofSeconds(30));
      awaitReplicasInSync(Duration.ofSeconds(30));
    } catch (IOException e) {
      close();
      throw new IllegalStateException("redis-server or redis-cli is not on PATH (apt-get install redis-server)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while starting the cluster", e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Three masters each with one connected replica: only then can a failover promote one. */
  private void awaitReplicasInSync(Duration within) {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      List<Integer> masters = masters();
      // connected, and acknowledging: a replica's first acknowledgement can take a second, and until then a WAIT
      // (the gateway's lead writes) times out
      if (masters.size() == 3 && masters.stream()
          .allMatch(p -> RedisServer.command(p, "INFO", "replication").contains("connected_slaves:1")
              && RedisServer.command(p, "WAIT", "1", "100").equals("1"))) {
        return;
      }
      sleep(50);
    }
    throw new IllegalStateException("the replicas did not connect within " + within + " (" + dir + ")");
  }

  private static void awaitPing(int port) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (Instant.now().isBefore(deadline)) {
      try {
        if (RedisServer.command(port, "PING").equals("PONG")) {
          return;
        }
      } catch (IllegalStateException e) {
        // not listening yet
      }
      sleep(20);
    }
    throw new IllegalStateException("redis-server did not answer on port " + port);
  }

  @Override
  public void close() {
    for (Process process : processes) {
      process.destroyForcibly();
    }
    for (Process process : processes) {
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
    ports.clear();
    commands.clear();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
