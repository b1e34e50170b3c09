package io.leadgate.config;

import java.util.List;

/**
 * Where the production store lives. Without a URL or nodes the gateway runs on its in-memory store.
 *
 * @param mode       {@code standalone} (default, one server at {@code url}), {@code cluster} (Redis Cluster, seeds in
 *                   {@code nodes}) or {@code sentinel} (Sentinels in {@code nodes}, the master named {@code masterName})
 * @param url        {@code redis://[user:password@]host:port[/db]} of a standalone server (env
 *                   {@code LEADGATE_REDIS_URL} overrides); null: in-memory store
 * @param nodes      cluster seeds or sentinels, each {@code redis://host:port}; the rest of a cluster is discovered
 * @param masterName the master the sentinels watch (sentinel mode only)
 * @param user       ACL user, when not in the URLs
 * @param password   password, when not in the URLs
 * @param poolSize   connections of each event loop's pool (per node on a cluster), opened as needed
 * @param timeoutMs  how long one store operation may take before the request is answered 503
 */
public record RedisConfig(String mode, String url, List<String> nodes, String masterName, String user,
                          String password, Integer poolSize, Integer timeoutMs) {
  private static final List<String> MODES = List.of("standalone", "cluster", "sentinel");
  private static final String URL = "rediss?://[^\\s/]+(/\\d+)?/?";

  public RedisConfig {
    mode = mode == null ? "standalone" : mode.strip();
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
    poolSize = poolSize == null ? 32 : poolSize;
    timeoutMs = timeoutMs == null ? 2000 : timeoutMs;
    Check.that(MODES.contains(mode), "mode", "must be one of " + String.join(", ", MODES) + " (was \"" + mode + "\")");
    Check.that(url == null || url.matches(URL), "url", "must look like redis://host:port (was \"" + url + "\")");
    for (int i = 0; i < nodes.size(); i++) {
      String node = nodes.get(i);
      Check.that(node != null && node.matches(URL), "nodes[" + i + "]",
          "must look like redis://host:port (was \"" + node + "\")");
    }
    Check.unique(nodes, "nodes");
    if (mode.equals("standalone")) {
      Check.that(nodes.isEmpty(), "nodes", "is for mode cluster or sentinel; a standalone server is given by url");
      Check.that(masterName == null, "masterName", "is for mode sentinel (mode is standalone)");
    } else {
      Check.that(url == null, "url", "is for mode standalone; in mode " + mode + " list the servers in nodes");
      Check.that(!nodes.isEmpty(), "nodes", "is required in mode " + mode + " (e.g. [redis://10.0.0.1:"
          + (mode.equals("cluster") ? "7000" : "26379") + "])");
    }
    if (mode.equals("sentinel")) {
      Check.that(masterName != null && !masterName.isBlank(), "masterName",
          "is required in mode sentinel (the name the sentinels monitor)");
    } else if (mode.equals("cluster")) {
      Check.that(masterName == null, "masterName", "is for mode sentinel (mode is cluster)");
    }
    Check.that(user == null || password != null, "password", "is required with user");
    Check.range(poolSize, 1, 1024, "poolSize");
    Check.range(timeoutMs, 50, 60_000, "timeoutMs");
  }

  public static RedisConfig defaults() {
    return new RedisConfig(null, null, null, null, null, null, null, null);
  }

  /** A standalone server at {@code url}. */
  public static RedisConfig standalone(String url) {
    return new RedisConfig(null, url, null, null, null, null, null, null);
  }

  /** A Redis Cluster reached through these seeds. */
  public static RedisConfig cluster(List<String> seeds) {
    return new RedisConfig("cluster", null, seeds, null, null, null, null, null);
  }

  /** A master watched by these sentinels under {@code masterName}. */
  public static RedisConfig sentinel(List<String> sentinels, String masterName) {
    return new RedisConfig("sentinel", null, sentinels, masterName, null, null, null, null);
  }

  public boolean enabled() {
    return url != null || !nodes.isEmpty();
  }

  public boolean isCluster() {
    return mode.equals("cluster");
  }

  public boolean isSentinel() {
    return mode.equals("sentinel");
  }

  /** The servers the client is given: the URL of a standalone server, or the nodes. */
  public List<String> endpoints() {
    return url != null ? List.of(url) : nodes;
  }

  /** The same settings on a standalone server at {@code newUrl} ({@code LEADGATE_REDIS_URL}). */
  public RedisConfig withUrl(String newUrl) {
    return new RedisConfig(mode, newUrl, nodes, masterName, user, password, poolSize, timeoutMs);
  }

  /** The same settings on other servers (tests start their own). */
  public RedisConfig withServers(RedisConfig servers) {
    return new RedisConfig(servers.mode, servers.url, servers.nodes, servers.masterName, user, password, poolSize,
        timeoutMs);
  }

  /** Names the mode and the servers, with any password in a URL masked. */
  public String describe() {
    String where = String.join(", ", endpoints()).replaceAll("//[^@/]*@", "//***@");
    return switch (mode) {
      case "cluster" -> "Redis Cluster (seeds " + where + ")";
      case "sentinel" -> "Redis master \"" + masterName + "\" through sentinels " + where;
      default -> "Redis at " + where;
    };
  }

  @Override
  public String toString() {
    return "RedisConfig[" + describe() + ", user=" + user + ", password=" + (password == null ? "none" : "***")
        + ", poolSize=" + poolSize + ", timeoutMs=" + timeoutMs + "]";
  }
}
