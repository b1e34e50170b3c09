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
 * A Redis master, its replica and three sentinels watching it as {@value #MASTER}, all on loopback free ports,
 * with a short {@code down-after-milliseconds} so that a killed master is replaced within seconds. One per test
 * class: {@code @RegisterExtension static final RedisSentinels redis = RedisSentinels.perClass();}
 */
public final class RedisSentinels implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
  public static final String MASTER = "leadgate";
  private final Path dir;
  private final List<Integer> dataPorts = new ArrayList<>();
  private final List<Process> dataNodes = new ArrayList<>();
  private final List<Integer> sentinelPorts = new ArrayList<>();
  private final List<Process> sentinels = new ArrayList<>();

  private RedisSentinels(Path dir) {
    this.dir = dir;
  }

  public static RedisSentinels perClass() {
    try {
      return new RedisSentinels(Files.createTempDirectory("leadgate-sentinel-"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot prepare Redis with sentinels", e);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** How the harness names this set-up to {@link TestGateway}: {@code redis-sentinel://MASTER@host:port,…}. */
  public String url() {
    return "redis-sentinel://" + MASTER + "@"
        + sentinelPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
  }

  /** The port of the master the sentinels name now. */
  public int master() {
    for (int port : sentinelPorts) {
      try {
        String[] address = RedisServer.command(port, "SENTINEL", "get-master-addr-by-name", MASTER).split("\n");
        return Integer.parseInt(address[1].strip());
      } catch (RuntimeException e) {
        // ask the next sentinel
      }
    }
    throw new IllegalStateException("no sentinel names a master");
  }

  /** The master's port and its replica's, in that order, as started. */
  public List<Integer> dataPorts() {
    return List.copyOf(dataPorts);
  }

  public String command(String... args) {
    return RedisServer.command(master(), args);
  }

  /** Kills the node on {@code port} as a crash would ({@code kill -9}). */
  public void kill(int port) {
    Process process = dataNodes.get(dataPorts.indexOf(port));
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until the sentinels name another master than {@code old} and it accepts writes. */
  public int awaitFailover(int old, Duration within) {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      try {
        int now = master();
        if (now != old && RedisServer.command(now, "ROLE").startsWith("master")) {
          return now;
        }
      } catch (RuntimeException e) {
        // not yet
      }
      sleep(50);
    }
    throw new IllegalStateException("no failover within " + within + " (" + dir + ")");
  }

  private void start() {
    try {
      int master = RedisServer.freePort();
      int replica = RedisServer.freePort();
      dataNodes.add(dataNode(master, null));
      dataNodes.add(dataNode(replica, master));
      dataPorts.add(master);
      dataPorts.add(replica);
      awaitReplica(master, Duration.ofSeconds(20));
      for (int i = 0; i < 3; i++) {
        int port = RedisServer.freePort();
        Path conf = dir.resolve("sentinel-" + port + ".conf");
        Files.writeString(conf, String.join("\n",
            "port " + port, "bind 127.0.0.1", "dir " + dir,
            "logfile " + dir.resolve("sentinel-" + port + ".log"),
            "sentinel monitor " + MASTER + " 127.0.0.1 " + master + " 2",
            "sentinel down-after-milliseconds " + MASTER + " 1000",
            "sentinel failover-timeout " + MASTER + " 10000",
            "sentinel parallel-syncs " + MASTER + " 1", ""));
        sentinelPorts.add(port);
        sentinels.add(new ProcessBuilder("redis-server", conf.toString(), "--sentinel")
            .redirectErrorStream(true).redirectOutput(dir.resolve("sentinel-" + port + ".out").toFile()).start());
      }
      awaitSentinels(Duration.ofSeconds(20));
    } catch (IOException e) {
      close();
      throw new IllegalStateException("redis-server is not on PATH (apt-get install redis-server)", e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private Process dataNode(int port, Integer replicaOf) throws IOException {
    Path nodeDir = Files.createDirectories(dir.resolve(Integer.toString(port)));
    List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
        "--bind", "127.0.0.1", "--dir", nodeDir.toString(), "--save", "", "--appendonly", "yes",
        "--appendfsync", "everysec", "--logfile", nodeDir.resolve("redis.log").toString()));
    if (replicaOf != null) {
      command.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(replicaOf)));
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(nodeDir.resolve("stdout.log").toFile()).start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (Instant.now().isBefore(deadline)) {
      try {
        if (RedisServer.command(port, "PING").equals("PONG")) {
          return process;
        }
      } catch (IllegalStateException e) {
        // not listening yet
      }
      sleep(20);
    }
    throw new IllegalStateException("redis-server did not answer on port " + port);
  }

  private void awaitReplica(int master, Duration within) {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      if (RedisServer.command(master, "INFO", "replication").contains("connected_slaves:1")
          && RedisServer.command(master, "WAIT", "1", "100").equals("1")) {
        return;
      }
      sleep(50);
    }
    throw new IllegalStateException("the replica did not connect within " + within);
  }

  /** Every sentinel knows the master, its replica and the two other sentinels: only then can they fail over. */
  private void awaitSentinels(Duration within) {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      boolean ready = true;
      for (int port : sentinelPorts) {
        try {
          String info = RedisServer.command(port, "INFO", "sentinel");
          ready &= info.contains("slaves=1,sentinels=3");
        } catch (RuntimeException e) {
          ready = false;
        }
      }
      if (ready) {
        return;
      }
      sleep(100);
    }
    throw new IllegalStateException("the sentinels did not find each other within " + within + " (" + dir + ")");
  }

  @Override
  public void close() {
    List<Process> all = new ArrayList<>(sentinels);
    all.addAll(dataNodes);
    all.forEach(Process::destroyForcibly);
    for (Process process : all) {
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    sentinels.clear();
    dataNodes.clear();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
