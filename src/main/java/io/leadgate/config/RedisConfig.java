package io.leadgate.config;

/**
 * Where the production store lives. Without a URL the gateway runs on its in-memory store.
 *
 * @param url       {@code redis://host:port[/db]} (env {@code LEADGATE_REDIS_URL} overrides); null: in-memory store
 * @param poolSize  connections in the pool
 * @param timeoutMs how long one store operation may take before the request is answered 503
 */
public record RedisConfig(String url, Integer poolSize, Integer timeoutMs) {
  public RedisConfig {
    poolSize = poolSize == null ? 32 : poolSize;
    timeoutMs = timeoutMs == null ? 2000 : timeoutMs;
    Check.that(url == null || url.matches("rediss?://.+"), "url",
        "must look like redis://host:port (was \"" + url + "\")");
    Check.range(poolSize, 1, 1024, "poolSize");
    Check.range(timeoutMs, 50, 60_000, "timeoutMs");
  }

  public static RedisConfig defaults() {
    return new RedisConfig(null, null, null);
  }

  public boolean enabled() {
    return url != null;
  }

  public RedisConfig withUrl(String newUrl) {
    return new RedisConfig(newUrl, poolSize, timeoutMs);
  }
}
