package io.leadgate.webhooks;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * An endpoint as the dispatcher uses it: its validated configuration compiled once into the signer, filter, payload
 * mapper, retry schedule and SSRF guard. Immutable.
 *
 * @param signer the Standard Webhooks signer; null for a CRM preset, which the CRM authenticates by its token
 * @param preset the CRM whose upsert this endpoint speaks, or null for the signed envelope
 * @param token  the CRM's API token (preset only), else null
 */
public record Endpoint(String id, String url, boolean https, String host, int port, String pathAndQuery,
                       Map<String, String> headers, Signer signer, EventFilter filter, PayloadMapper mapper,
                       RetrySchedule schedule, SsrfGuard guard, Duration timeout, int concurrency,
                       Duration disableAfter, CrmPreset preset, String token) {

  public static Endpoint of(EndpointConfig config, double jitter) {
    URI uri = URI.create(config.url());
    boolean https = uri.getScheme().equalsIgnoreCase("https");
    String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
    int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String pathAndQuery = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    CrmPreset preset = config.crmPreset().orElse(null);
    return new Endpoint(config.id(), config.url(), https, host, port, pathAndQuery, config.headers(),
        preset == null ? new Signer(config.secrets()) : null, config.eventFilter(),
        preset == null ? config.payload().mapper() : preset.mapper(config.payload()),
        new RetrySchedule(config.retryDelays(), jitter), new SsrfGuard(config.allowedSubnets()),
        config.timeoutDuration(), config.concurrency(), config.disableAfterDuration(), preset,
        preset == null ? null : config.token());
  }

  /** Where a preset's request path goes: under the base URL's own path ({@code https://host/proxy} + {@code /crm/...}). */
  String presetUri(String path) {
    String base = pathAndQuery.endsWith("/") ? pathAndQuery.substring(0, pathAndQuery.length() - 1) : pathAndQuery;
    return base + path;
  }

  @Override
  public String toString() {
    return "Endpoint[" + id + " " + url + "]";
  }
}
