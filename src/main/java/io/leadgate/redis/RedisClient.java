package io.leadgate.redis;

import io.leadgate.config.RedisConfig;
import io.leadgate.core.StoreUnavailable;
import io.leadgate.ops.Metrics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisReplicas;
import io.vertx.redis.client.RedisRole;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The gateway's one Redis client: a connection pool, a per-event-loop batcher for the hot path, scripts run
 * by SHA with a fallback after a server restart, and one translation of every failure or time-out into
 * {@link StoreUnavailable}, timed for the store latency metric.
 */
public final class RedisClient {
  private final Vertx vertx;
  private final Redis shared;
  private final long timeoutMs;
  private final Metrics metrics;
  private final boolean cluster;
  private final RedisOptions options;
  /** How long a {@link #sweep} that found nothing waits before it answers. */
  static final long SWEEP_IDLE_MS = 250;
  private final String batcherKey = "leadgate.batcher." + System.identityHashCode(this);
  /** A pool per event loop: its connections are read and written on that loop only ({@link #redis()}). */
  private final Map<Thread, Redis> ownPools = new ConcurrentHashMap<>();

  public RedisClient(Vertx vertx, RedisConfig config, Metrics metrics) {
    this.vertx = vertx;
    this.timeoutMs = config.timeoutMs();
    this.metrics = metrics;
    this.cluster = config.isCluster();
    this.options = options(config);
    this.shared = Redis.createClient(vertx, options);
  }

  /** The client's options for the configured mode: one server, a cluster from its seeds, or a sentinels' master. */
  static RedisOptions options(RedisConfig config) {
    RedisOptions options = new RedisOptions()
        .setMaxPoolSize(config.poolSize())
        .setMaxPoolWaiting(config.poolSize() * 64)
        .setMaxWaitingHandlers(64 * 1024)
        // RESP2 keeps replies plain arrays whatever the server version.
        .setPreferredProtocolVersion(ProtocolVersion.RESP2);
    config.endpoints().forEach(options::addConnectionString);
    if (config.user() != null) {
      options.setUser(config.user());
    }
    if (config.password() != null) {
      options.setPassword(config.password());
    }
    if (config.isCluster()) {
      // a slot map at most 1 s old; a moved slot is followed on MOVED at once
      options.setType(RedisClientType.CLUSTER).setUseReplicas(RedisReplicas.NEVER);
    } else if (config.isSentinel()) {
      // the sentinels name the master; on a failover the pool's connections move to the new one
      options.setType(RedisClientType.SENTINEL).setRole(RedisRole.MASTER).setMasterName(config.masterName())
          .setAutoFailover(true);
    }
    return options;
  }

  /** On a cluster, a pipelined batch may only hold keys of one node: {@link #batch} splits it by hash slot. */
  public boolean cluster() {
    return cluster;
  }

  public Future<Response> send(String operation, Request request) {
    return guard(operation, timeoutMs, () -> redis().send(request));
  }

  /** A blocking read: it may legitimately take {@code blockMs} before the server answers. */
  public Future<Response> sendBlocking(String operation, Request request, long blockMs) {
    return guard(operation, timeoutMs + blockMs, () -> redis().send(request));
  }

  /**
   * Reads several streams where one blocking {@code XREADGROUP} cannot (their keys are in different hash slots of a
   * cluster): each read without {@code BLOCK}, all at once; when none found anything, answers after a pause of at most
   * {@link #SWEEP_IDLE_MS}, so an idle caller that loops costs {@code reads.size()} calls per pause per instance.
   */
  public Future<List<Response>> sweep(String operation, List<Request> reads, long waitMs) {
    return batch(operation, reads).compose(replies -> {
      boolean empty = replies.stream().allMatch(r -> r == null || r.size() == 0);
      if (!empty || waitMs <= 0) {
        return Future.succeededFuture(replies);
      }
      return vertx.timer(Math.min(waitMs, SWEEP_IDLE_MS)).map(replies);
    });
  }

  /** Pipelines the requests on one connection; any failure fails the whole batch. */
  public Future<List<Response>> batch(String operation, List<Request> requests) {
    if (requests.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    if (cluster) {
      Redis client = redis();
      return guard(operation, timeoutMs, () -> SlotBatches.send(requests, client::batch));
    }
    return guard(operation, timeoutMs, () -> redis().batch(requests));
  }

  /**
   * Sends the request with the others issued on this event loop in the same tick, as one pipelined batch:
   * the intake's many small writes cost one round trip per tick instead of one each.
   */
  public Future<Response> queue(String operation, Request request) {
    Context context = Vertx.currentContext();
    if (context == null) {
      return send(operation, request);
    }
    TickBatcher batcher = context.get(batcherKey);
    if (batcher == null) {
      batcher = new TickBatcher(context, requests -> batch(operation, requests));
      context.put(batcherKey, batcher);
    }
    return batcher.add(request);
  }

  /**
   * Like {@link #queue}, for requests that must reach the server together and in order on one connection (a
   * MULTI … EXEC): they go into the same pipelined batch. Answers with the last request's reply.
   */
  public Future<Response> queueTogether(String operation, List<Request> requests) {
    if (Vertx.currentContext() == null) {
      return batch(operation, requests).map(replies -> replies.get(replies.size() - 1));
    }
    Future<Response> last = null;
    for (Request request : requests) {
      last = queue(operation, request);
    }
    return last;
  }

  /**
   * Runs a script by SHA; when the server does not have it (it restarted, or on a cluster the node was never sent it),
   * runs it by its source, which also caches it on the node that owns the keys.
   */
  public Future<Response> eval(String operation, LuaScript script, List<String> keys, List<String> args) {
    Redis client = redis();
    return guard(operation, timeoutMs, () -> client.send(evalsha(script, keys, args))
        .recover(e -> isNoScript(e) ? client.send(evalSource(script, keys, args)) : Future.failedFuture(e)));
  }

  /**
   * Runs a script in this tick's pipelined batch (see {@link #queue}). After a server restart the whole batch
   * fails with NOSCRIPT before any script ran, so each request then goes again on its own, loading the script.
   */
  public Future<Response> queueEval(String operation, LuaScript script, List<String> keys, List<String> args) {
    return queue(operation, evalsha(script, keys, args))
        .recover(e -> isNoScript(e) ? eval(operation, script, keys, args) : Future.failedFuture(e));
  }

  /** The EVALSHA request, for callers that batch scripts themselves (see {@link #loadScripts}). */
  public static Request evalsha(LuaScript script, List<String> keys, List<String> args) {
    Request request = Request.cmd(Command.EVALSHA).arg(script.sha()).arg(keys.size());
    keys.forEach(request::arg);
    args.forEach(request::arg);
    return request;
  }

  /**
   * The EVAL request with the script's source: the fallback where a node lacks the script. A {@code SCRIPT LOAD}
   * cannot serve as that fallback on a cluster, where it has no key and reaches one node of many.
   */
  public static Request evalSource(LuaScript script, List<String> keys, List<String> args) {
    Request request = Request.cmd(Command.EVAL).arg(script.source()).arg(keys.size());
    keys.forEach(request::arg);
    args.forEach(request::arg);
    return request;
  }

  /**
   * Loads the scripts ahead of use. On a cluster a {@code SCRIPT LOAD} has no key and would reach one node, so it
   * goes to every master the cluster lists: a pipelined batch that meets a node without a script fails whole, even
   * its other requests. A master promoted later lacks them until {@link #eval} runs them by source there.
   */
  public Future<Void> loadScripts(List<LuaScript> scripts) {
    List<Request> loads = new ArrayList<>();
    scripts.forEach(s -> loads.add(Request.cmd(Command.SCRIPT).arg("LOAD").arg(s.source())));
    if (!cluster) {
      return batch("script_load", loads).mapEmpty();
    }
    return send("cluster_nodes", Request.cmd(Command.CLUSTER).arg("NODES")).compose(nodes -> {
      List<Future<Void>> each = new ArrayList<>();
      for (String master : ClusterNodes.masters(nodes.toString())) {
        Redis node = node(master);
        each.add(guard("script_load", timeoutMs, () -> node.batch(loads)).<Void>mapEmpty()
            .eventually(node::close));
      }
      return Future.all(each).mapEmpty();
    });
  }

  /**
   * A client of one node ({@code host:port}) with the configured credentials, for what has no key and must reach a
   * given node: scripts loaded on every master, a scan per master, the node probes. The caller closes it.
   */
  Redis node(String address) {
    return Redis.createClient(vertx, new RedisOptions().setConnectionString("redis://" + address)
        .setUser(options.getUser()).setPassword(options.getPassword()).setMaxPoolSize(1).setMaxPoolWaiting(16));
  }

  /** A page of {@link #scan}: the keys, and the cursor of the next page (null when the scan is complete). */
  public record ScanPage(List<String> keys, String next) {
  }

  /**
   * One page of {@code SCAN} over the whole keyspace ({@code "0"} starts). On a cluster every master holds part of
   * it and the command has no key: the cursor then names the master too ({@code "i:cursor"}, i in the sorted list of
   * masters), and each master is scanned in turn over a connection of its own. Masters that change during a scan may
   * make it see a key twice or miss one: fit for idempotent maintenance, not for requests.
   */
  public Future<ScanPage> scan(String operation, String cursor, String match, int count) {
    if (!cluster) {
      return send(operation, scanRequest(cursor, match, count))
          .map(reply -> new ScanPage(keys(reply), "0".equals(reply.get(0).toString()) ? null : reply.get(0).toString()));
    }
    int at = cursor.indexOf(':');
    int node = at < 0 ? 0 : Integer.parseInt(cursor.substring(0, at));
    String nodeCursor = at < 0 ? "0" : cursor.substring(at + 1);
    return send("cluster_nodes", Request.cmd(Command.CLUSTER).arg("NODES")).compose(nodes -> {
      List<String> masters = new ArrayList<>(ClusterNodes.masters(nodes.toString()));
      masters.sort(null);
      if (node >= masters.size()) {
        return Future.succeededFuture(new ScanPage(List.of(), null));
      }
      Redis master = node(masters.get(node));
      return guard(operation, timeoutMs, () -> master.send(scanRequest(nodeCursor, match, count)))
          .eventually(master::close)
          .map(reply -> {
            String next = reply.get(0).toString();
            String cursorOut = !next.equals("0") ? node + ":" + next
                : node + 1 < masters.size() ? (node + 1) + ":0" : null;
            return new ScanPage(keys(reply), cursorOut);
          });
    });
  }

  private static Request scanRequest(String cursor, String match, int count) {
    return Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(match).arg("COUNT").arg(count);
  }

  private static List<String> keys(Response reply) {
    List<String> keys = new ArrayList<>();
    reply.get(1).forEach(key -> keys.add(key.toString()));
    return keys;
  }

  /** The server lost its script cache (it restarted): the message may come wrapped by a batch. */
  public static boolean isNoScript(Throwable e) {
    // a pipelined batch reports it as "ERR [i] NOSCRIPT ...", a single command as "NOSCRIPT ..."
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("NOSCRIPT")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the store can take writes: a server or the sentinels' master answers {@code PING}; a cluster reports
   * {@code cluster_state:ok} (every slot has a master), which it stops doing while a failover is under way.
   */
  public Future<Void> ping() {
    if (!cluster) {
      return send("ping", Request.cmd(Command.PING)).mapEmpty();
    }
    return send("cluster_info", Request.cmd(Command.CLUSTER).arg("INFO")).compose(info -> info.toString()
        .contains("cluster_state:ok") ? Future.<Void>succeededFuture()
        : Future.failedFuture(new StoreUnavailable("the cluster reports a state other than ok (a slot has no master)",
            null)));
  }

  public Future<Void> close() {
    List<Future<Void>> closed = new ArrayList<>();
    closed.add(shared.close());
    ownPools.values().forEach(pool -> closed.add(pool.close()));
    return Future.all(closed).mapEmpty();
  }

  /**
   * The pool of the event loop the caller runs on, or the shared one off an event loop. A pool hands a caller a free
   * connection of another event loop before it opens one of the caller's own; the reply is then read on that loop and
   * handed back across threads, and on a busy machine each hand-over waits for the other thread to get a CPU.
   */
  private Redis redis() {
    if (!Context.isOnEventLoopThread()) {
      return shared;
    }
    return ownPools.computeIfAbsent(Thread.currentThread(), t -> Redis.createClient(vertx, options));
  }

  public Vertx vertx() {
    return vertx;
  }

  private <T> Future<T> guard(String operation, long limitMs, Supplier<Future<T>> call) {
    long start = System.nanoTime();
    Future<T> result;
    try {
      result = call.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.timeout(limitMs, TimeUnit.MILLISECONDS)
        .andThen(done -> metrics.storeLatency(operation, System.nanoTime() - start, done.succeeded()))
        .recover(e -> Future.failedFuture(new StoreUnavailable(
            "redis " + operation + " failed: " + e.getMessage(), e)));
  }
}
