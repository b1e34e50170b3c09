package io.leadgate.config;

import io.leadgate.admin.ApiKey;
import io.leadgate.scoring.ScoringConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The whole configuration, immutable and validated once at start-up.
 *
 * @param scoring lead scoring and qualification (reloadable: see {@code scoring.ScoringReloader})
 * @param apiKeys keys that may call {@code /api/*}, stored as SHA-256
 */
public record GatewayConfig(ServerConfig server, RedisConfig redis, IngestConfig ingest, List<SiteConfig> sites,
                           ScoringConfig scoring, List<ApiKey> apiKeys) {

  public GatewayConfig {
    server = server == null ? ServerConfig.defaults() : server;
    redis = redis == null ? RedisConfig.defaults() : redis;
    ingest = ingest == null ? IngestConfig.defaults() : ingest;
    sites = sites == null ? List.of() : List.copyOf(sites);
    Check.that(!sites.isEmpty(), "sites", "must list at least one site");
    Check.unique(sites.stream().map(SiteConfig::key).toList(), "sites[].key");
    scoring = scoring == null ? ScoringConfig.defaults() : scoring;
    apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    Check.unique(apiKeys.stream().map(ApiKey::name).toList(), "apiKeys[].name");
    try {
      scoring.checkSites(sites.stream().map(SiteConfig::key).toList());
    } catch (ConfigException e) {
      throw e.locate(null, "scoring");
    }
  }

  public Optional<SiteConfig> site(String key) {
    return Optional.ofNullable(sitesByKey().get(key));
  }

  public Map<String, SiteConfig> sitesByKey() {
    return sites.stream().collect(Collectors.toUnmodifiableMap(SiteConfig::key, Function.identity()));
  }

  public GatewayConfig withServer(ServerConfig newServer) {
    return new GatewayConfig(newServer, redis, ingest, sites, scoring, apiKeys);
  }

  public GatewayConfig withRedis(RedisConfig newRedis) {
    return new GatewayConfig(server, newRedis, ingest, sites, scoring, apiKeys);
  }
}
