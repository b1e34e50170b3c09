package io.leadgate.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The whole configuration, immutable and validated once at start-up. */
public record GatewayConfig(ServerConfig server, RedisConfig redis, IngestConfig ingest, List<SiteConfig> sites) {

  public GatewayConfig {
    server = server == null ? ServerConfig.defaults() : server;
    redis = redis == null ? RedisConfig.defaults() : redis;
    ingest = ingest == null ? IngestConfig.defaults() : ingest;
    sites = sites == null ? List.of() : List.copyOf(sites);
    Check.that(!sites.isEmpty(), "sites", "must list at least one site");
    Check.unique(sites.stream().map(SiteConfig::key).toList(), "sites[].key");
  }

  public Optional<SiteConfig> site(String key) {
    return Optional.ofNullable(sitesByKey().get(key));
  }

  public Map<String, SiteConfig> sitesByKey() {
    return sites.stream().collect(Collectors.toUnmodifiableMap(SiteConfig::key, Function.identity()));
  }

  public GatewayConfig withServer(ServerConfig newServer) {
    return new GatewayConfig(newServer, redis, ingest, sites);
  }

  public GatewayConfig withRedis(RedisConfig newRedis) {
    return new GatewayConfig(server, newRedis, ingest, sites);
  }
}
