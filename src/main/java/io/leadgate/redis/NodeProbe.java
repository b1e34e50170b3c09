package io.leadgate.redis;

import io.leadgate.ops.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures every Redis node on its own, which the pooled client cannot: it spreads calls over a cluster's masters
 * and follows {@code MOVED} and {@code ASK} inside (vertx-redis-client answers the caller only with the final reply,
 * and its metrics SPI sees a redirect as a failed request, like any error). So every {@link #INTERVAL_MS} the probe
 * lists the nodes ({@code CLUSTER NODES} on a cluster; otherwise the server the pool is connected to and the replicas
 * it reports), sends each a {@code PING} over a connection of its own (latency and failures seen from this gateway),
 * and reads the node's own counters and role from {@code INFO} (redirects and error replies it answered to all its
 * clients, commands, keys). docs/operations.md says what each metric means.
 */
final class NodeProbe {
  static final long INTERVAL_MS = 5000;
  private static final Pattern SLAVE = Pattern.compile("^slave\\d+:ip=([^,]+),port=(\\d+)", Pattern.MULTILINE);
  private static final Pattern LADDR = Pattern.compile("(?:^|\\s)laddr=(\\S+)");
  private final RedisClient redis;
  private final Metrics metrics;
  private final long intervalMs;
  private final long timeoutMs;
  private final Map<String, Redis> clients = new ConcurrentHashMap<>();
  private final Map<String, NodeMeters> meters = new ConcurrentHashMap<>();
  private volatile List<ClusterNodes.Node> known = List.of();
  private volatile boolean closed;
  private volatile long timer = -1;

  NodeProbe(RedisClient redis, Metrics metrics, long intervalMs, long timeoutMs) {
    this.redis = redis;
    this.metrics = metrics;
    this.intervalMs = intervalMs;
    this.timeoutMs = timeoutMs;
  }

  /** Probes now, then {@code intervalMs} after each round ends (rounds never overlap). */
  void start() {
    round().onComplete(done -> {
      if (!closed) {
        timer = vertx().setTimer(intervalMs, id -> start());
      }
    });
  }

  /** One round over every node listed now; never fails (a node that did not answer is counted as such). */
  Future<Void> round() {
    // when no node lists the others (all down), the nodes of the round before are probed: they then read as down
    return nodes().otherwise(e -> known).compose(nodes -> {
      known = nodes;
      // a node no longer listed (removed from the cluster, or a replica gone) is not probed any more: it reads as down
      meters.forEach((address, m) -> {
        if (nodes.stream().noneMatch(n -> n.address().equals(address))) {
          m.up.set(0);
        }
      });
      List<Future<Void>> each = new ArrayList<>();
      for (ClusterNodes.Node node : nodes) {
        each.add(probe(node));
      }
      return Future.join(each).<Void>mapEmpty();
    }).otherwiseEmpty();
  }

  Future<Void> close() {
    closed = true;
    vertx().cancelTimer(timer);
    List<Future<Void>> closing = new ArrayList<>();
    clients.values().forEach(c -> closing.add(c.close()));
    return Future.join(closing).mapEmpty();
  }

  /** The nodes to probe: a cluster's every node; otherwise the server the pool reaches and its replicas. */
  private Future<List<ClusterNodes.Node>> nodes() {
    if (redis.cluster()) {
      return redis.send("cluster_nodes", Request.cmd(Command.CLUSTER).arg("NODES"))
          .map(reply -> ClusterNodes.all(reply.toString()));
    }
    // standalone or a sentinels' master: CLIENT INFO names the server's own address (laddr) as this gateway reaches it
    return redis.batch("node_list", List.of(Request.cmd(Command.CLIENT).arg("INFO"),
        Request.cmd(Command.INFO).arg("replication"))).map(replies -> {
          List<ClusterNodes.Node> nodes = new ArrayList<>();
          Matcher self = LADDR.matcher(replies.get(0).toString());
          if (self.find()) {
            nodes.add(new ClusterNodes.Node(self.group(1), true, false));
          }
          Matcher replica = SLAVE.matcher(replies.get(1).toString());
          while (replica.find()) {
            nodes.add(new ClusterNodes.Node(replica.group(1) + ":" + replica.group(2), false, false));
          }
          return nodes;
        });
  }

  private Future<Void> probe(ClusterNodes.Node node) {
    if (closed) {
      // a round under way when the store closed: no new connection
      return Future.succeededFuture();
    }
    NodeMeters m = meters.computeIfAbsent(node.address(), a -> new NodeMeters(metrics, a));
    Redis client = clients.computeIfAbsent(node.address(), redis::node);
    long start = System.nanoTime();
    return client.send(Request.cmd(Command.PING)).timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .compose(pong -> {
          m.ping.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
          return client.batch(List.of(Request.cmd(Command.INFO).arg("stats"),
              Request.cmd(Command.INFO).arg("errorstats"), Request.cmd(Command.INFO).arg("keyspace"),
              Request.cmd(Command.INFO).arg("replication")))
              .timeout(timeoutMs, TimeUnit.MILLISECONDS);
        })
        .onSuccess(replies -> m.read(replies))
        .onFailure(e -> {
          m.up.set(0);
          m.probeErrors.increment();
        })
        .<Void>mapEmpty().otherwiseEmpty();
  }

  private Vertx vertx() {
    return redis.vertx();
  }

  /** One node's meters, labelled by its {@code host:port}. */
  private static final class NodeMeters {
    final AtomicLong up;
    final AtomicLong master;
    final AtomicLong keys;
    final AtomicLong moved;
    final AtomicLong ask;
    final AtomicLong errorReplies;
    final AtomicLong commands;
    final Timer ping;
    final Counter probeErrors;

    NodeMeters(Metrics metrics, String node) {
      up = metrics.gauge("leadgate.redis.node.up", "node", node);
      master = metrics.gauge("leadgate.redis.node.master", "node", node);
      keys = metrics.gauge("leadgate.redis.node.keys", "node", node);
      moved = metrics.mirroredCount("leadgate.redis.node.redirects", "node", node, "kind", "moved");
      ask = metrics.mirroredCount("leadgate.redis.node.redirects", "node", node, "kind", "ask");
      errorReplies = metrics.mirroredCount("leadgate.redis.node.error.replies", "node", node);
      commands = metrics.mirroredCount("leadgate.redis.node.commands", "node", node);
      ping = metrics.timer("leadgate.redis.node.ping", "node", node);
      probeErrors = metrics.counter("leadgate.redis.node.probe.errors", "node", node);
    }

    void read(List<Response> replies) {
      String stats = replies.get(0).toString();
      String errors = replies.get(1).toString();
      String keyspace = replies.get(2).toString();
      up.set(1);
      // INFO rather than ROLE: ROLE is an @admin command, which the gateway's ACL user may not have (docker/)
      master.set(replies.get(3).toString().contains("role:master") ? 1 : 0);
      errorReplies.set(InfoFields.number(stats, "total_error_replies"));
      commands.set(InfoFields.number(stats, "total_commands_processed"));
      moved.set(InfoFields.count(errors, "errorstat_MOVED"));
      ask.set(InfoFields.count(errors, "errorstat_ASK"));
      keys.set(InfoFields.count(keyspace, "db0", "keys"));
    }
  }
}
