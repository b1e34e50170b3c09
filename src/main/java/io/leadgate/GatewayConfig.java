package io.leadgate;

import io.leadgate.admin.ApiKeyConfig;
import io.leadgate.admin.ConsoleConfig;
import io.leadgate.admin.UserConfig;
import io.leadgate.demo.DemoConfig;
import io.leadgate.demo.DemoData;
import io.leadgate.config.Check;
import io.leadgate.config.ConfigException;
import io.leadgate.collect.IngestConfig;
import io.leadgate.config.RedisConfig;
import io.leadgate.config.ServerConfig;
import io.leadgate.config.SiteConfig;
import io.leadgate.forms.FormConfig;
import io.leadgate.scoring.ScoringConfig;
import io.leadgate.segment.SegmentConfig;
import io.leadgate.config.WriteKeyConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import io.leadgate.webhooks.DeliveryConfig;
import io.leadgate.webhooks.EndpointConfig;
import io.leadgate.accounts.AccountsConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The whole configuration, immutable and validated once at start-up.
 *
 * @param secret          signs form tokens and download links (at least 32 characters); every instance of one
 *                        deployment needs the same. Absent: a random one per start, with a warning
 * @param assets          the folder that lead-magnet files ({@code forms[].magnet.file}) are served from
 * @param forms           lead-magnet forms
 * @param apiKeys         keys that open {@code /api/*} (only their SHA-256); none: the API answers 401 to everyone
 * @param scoring         lead scoring and qualification (reloadable: see {@code scoring.ScoringReloader})
 * @param webhooks        endpoints that domain events are delivered to
 * @param webhookDelivery how every instance delivers them
 * @param users           console users (name, role, BCrypt password hash); none: the console cannot be signed in to
 * @param console         console sessions and sign-in limits
 * @param demo            a demo month of data filled in at start ({@code --demo-data})
 * @param segment         how Segment-spec messages ({@code /v1/*}, sent with a site's write key) map onto events
 * @param accounts        accounts: domains declared to be one company ({@code aliases})
 */
public record GatewayConfig(ServerConfig server, RedisConfig redis, IngestConfig ingest, List<SiteConfig> sites,
                            String secret, String assets, List<FormConfig> forms, List<ApiKeyConfig> apiKeys,
                            ScoringConfig scoring, List<EndpointConfig> webhooks, DeliveryConfig webhookDelivery,
                            List<UserConfig> users, ConsoleConfig console, DemoConfig demo,
                            SegmentConfig segment, AccountsConfig accounts) {

  public GatewayConfig {
    server = server == null ? ServerConfig.defaults() : server;
    redis = redis == null ? RedisConfig.defaults() : redis;
    ingest = ingest == null ? IngestConfig.defaults() : ingest;
    sites = sites == null ? List.of() : List.copyOf(sites);
    forms = forms == null ? List.of() : List.copyOf(forms);
    Check.that(!sites.isEmpty(), "sites", "must list at least one site");
    Check.unique(sites.stream().map(SiteConfig::key).toList(), "sites[].key");
    scoring = scoring == null ? ScoringConfig.defaults() : scoring;
    apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    Check.unique(apiKeys.stream().map(ApiKeyConfig::name).toList(), "apiKeys[].name");
    users = users == null ? List.of() : List.copyOf(users);
    console = console == null ? ConsoleConfig.defaults() : console;
    demo = demo == null ? DemoConfig.defaults() : demo;
    segment = segment == null ? SegmentConfig.defaults() : segment;
    // a write key names its site: the same key on two sites would name neither
    Check.unique(sites.stream().flatMap(site -> site.writeKeys().stream()).map(WriteKeyConfig::sha256).toList(),
        "sites[].writeKeys[].sha256");
    accounts = accounts == null ? AccountsConfig.defaults() : accounts;
    Check.unique(users.stream().map(UserConfig::name).toList(), "users[].name");
    try {
      scoring.checkSites(sites.stream().map(SiteConfig::key).toList());
    } catch (ConfigException e) {
      throw e.locate(null, "scoring");
    }
    Check.that(secret == null || secret.length() >= 32, "secret",
        "must be at least 32 characters (for example: openssl rand -hex 32)");
    Check.unique(forms.stream().map(FormConfig::id).toList(), "forms[].id");
    List<String> siteKeys = sites.stream().map(SiteConfig::key).toList();
    for (int i = 0; i < forms.size(); i++) {
      FormConfig form = forms.get(i);
      Check.that(siteKeys.contains(form.site()), "forms[" + i + "].site",
          "must be the key of a site (was \"" + form.site() + "\"; sites: " + siteKeys + ")");
      if (form.magnet() != null && form.magnet().file() != null) {
        checkAsset(assets, form.magnet().file(), "forms[" + i + "].magnet.file");
      }
    }
    if (demo.data()) {
      String first = sites.get(0).key();
      List<FormConfig> given = forms;
      List<String> missing = DemoData.FORMS.stream().filter(id -> given.stream()
          .noneMatch(f -> f.id().equals(id) && f.site().equals(first))).toList();
      Check.that(missing.isEmpty(), "demo.data", "the demo month is made of the bundled demo's forms "
          + DemoData.FORMS + " on the first site (" + first + "); missing: " + missing);
    }
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    webhookDelivery = webhookDelivery == null ? DeliveryConfig.defaults() : webhookDelivery;
    Check.unique(webhooks.stream().map(EndpointConfig::id).toList(), "webhooks[].id");
    for (int i = 0; i < webhooks.size(); i++) {
      for (String site : webhooks.get(i).filter().sites()) {
        Check.that(siteKeys.contains(site), "webhooks[" + i + "].filter.sites",
            "names a site that is not configured (was \"" + site + "\"; sites: " + siteKeys + ")");
      }
    }
  }

  /** Start-up only (before any event loop exists): a magnet file must be there, inside the assets folder. */
  private static void checkAsset(String assets, String file, String field) {
    Check.that(assets != null, field, "needs the top-level assets folder to be set");
    Path folder = Path.of(assets).toAbsolutePath().normalize();
    Path path = folder.resolve(file).normalize();
    Check.that(path.startsWith(folder), field, "must stay inside the assets folder (was \"" + file + "\")");
    Check.that(Files.isRegularFile(path), field, "is not a file in " + folder + " (was \"" + file + "\")");
  }

  public Optional<SiteConfig> site(String key) {
    return Optional.ofNullable(sitesByKey().get(key));
  }

  public Map<String, SiteConfig> sitesByKey() {
    return sites.stream().collect(Collectors.toUnmodifiableMap(SiteConfig::key, Function.identity()));
  }

  /** The assets folder, absolute; null when not configured. */
  public Path assetsFolder() {
    return assets == null ? null : Path.of(assets).toAbsolutePath().normalize();
  }

  public GatewayConfig withServer(ServerConfig newServer) {
    return new GatewayConfig(newServer, redis, ingest, sites, secret, assets, forms, apiKeys, scoring, webhooks,
        webhookDelivery, users, console, demo, segment, accounts);
  }

  public GatewayConfig withDemo(DemoConfig newDemo) {
    return new GatewayConfig(server, redis, ingest, sites, secret, assets, forms, apiKeys, scoring, webhooks,
        webhookDelivery, users, console, newDemo, segment, accounts);
  }

  /** With one more webhook endpoint (the demo's in-process receiver). */
  public GatewayConfig withWebhook(EndpointConfig endpoint) {
    List<EndpointConfig> more = new java.util.ArrayList<>(webhooks);
    more.add(endpoint);
    return new GatewayConfig(server, redis, ingest, sites, secret, assets, forms, apiKeys, scoring, more,
        webhookDelivery, users, console, demo, segment, accounts);
  }

  public GatewayConfig withRedis(RedisConfig newRedis) {
    return new GatewayConfig(server, newRedis, ingest, sites, secret, assets, forms, apiKeys, scoring, webhooks,
        webhookDelivery, users, console, demo, segment, accounts);
  }
}
