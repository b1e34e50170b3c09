package io.leadgate.config;

import io.leadgate.admin.ApiKeyConfig;
import io.leadgate.webhooks.DeliveryConfig;
import io.leadgate.webhooks.EndpointConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The whole configuration, immutable and validated once at start-up.
 *
 * @param apiKeys         keys that open {@code /api/*} (only their SHA-256); none: the API answers 401 to everyone
 * @param webhooks        endpoints that domain events are delivered to
 * @param webhookDelivery how every instance delivers them
 */
public record GatewayConfig(ServerConfig server, RedisConfig redis, IngestConfig ingest, List<SiteConfig> sites,
                            List<ApiKeyConfig> apiKeys, List<EndpointConfig> webhooks, DeliveryConfig webhookDelivery) {

  public GatewayConfig {
    server = server == null ? ServerConfig.defaults() : server;
    redis = redis == null ? RedisConfig.defaults() : redis;
    ingest = ingest == null ? IngestConfig.defaults() : ingest;
    sites = sites == null ? List.of() : List.copyOf(sites);
    apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    webhookDelivery = webhookDelivery == null ? DeliveryConfig.defaults() : webhookDelivery;
    Check.that(!sites.isEmpty(), "sites", "must list at least one site");
    Check.unique(sites.stream().map(SiteConfig::key).toList(), "sites[].key");
    Check.unique(apiKeys.stream().map(ApiKeyConfig::name).toList(), "apiKeys[].name");
    Check.unique(webhooks.stream().map(EndpointConfig::id).toList(), "webhooks[].id");
    List<String> siteKeys = sites.stream().map(SiteConfig::key).toList();
    for (int i = 0; i < webhooks.size(); i++) {
      for (String site : webhooks.get(i).filter().sites()) {
        Check.that(siteKeys.contains(site), "webhooks[" + i + "].filter.sites",
            "names a site that is not configured (was \"" + site + "\"; sites: " + siteKeys + ")");
      }
    }
  }

  public Optional<SiteConfig> site(String key) {
    return Optional.ofNullable(sitesByKey().get(key));
  }

  public Map<String, SiteConfig> sitesByKey() {
    return sites.stream().collect(Collectors.toUnmodifiableMap(SiteConfig::key, Function.identity()));
  }

  public GatewayConfig withServer(ServerConfig newServer) {
    return new GatewayConfig(newServer, redis, ingest, sites, apiKeys, webhooks, webhookDelivery);
  }

  public GatewayConfig withRedis(RedisConfig newRedis) {
    return new GatewayConfig(server, newRedis, ingest, sites, apiKeys, webhooks, webhookDelivery);
  }
}
