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
 * @param oauth  the client credentials the CRM's access tokens are fetched with (preset only, instead of
 *               {@code token}), else null
 */
public record Endpoint(String id, String url, boolean https, String host, int port, String pathAndQuery,
                       Map<String, String> headers, Signer signer, EventFilter filter, PayloadMapper mapper,
                       RetrySchedule schedule, SsrfGuard guard, Duration timeout, int concurrency,
                       Duration disableAfter, CrmPreset preset, String token,
                       EndpointConfig.OAuthConfig oauth) {

  public static Endpoint of(EndpointConfig config, double jitter) {
    CrmPreset preset = config.crmPreset().orElse(null);
    return at(config.url(), new Endpoint(config.id(), null, false, null, 0, null, config.headers(),
        preset == null ? new Signer(config.secrets()) : null, config.eventFilter(),
        preset == null ? config.payload().mapper() : preset.mapper(config.payload()),
        new RetrySchedule(config.retryDelays(), jitter), new SsrfGuard(config.allowedSubnets()),
        config.timeoutDuration(), config.concurrency(), config.disableAfterDuration(), preset,
        preset == null ? null : config.token(), preset == null ? null : config.oauth()));
  }

  /**
   * The same endpoint at another URL of its own (a preset's token URL): vetted by the same SSRF guard, with the same
   * time-out, and without the configured headers (they are for the API).
   */
  Endpoint at(String otherUrl) {
    return at(otherUrl, new Endpoint(id, null, false, null, 0, null, Map.of(), signer, filter, mapper, schedule,
        guard, timeout, concurrency, disableAfter, preset, token, oauth));
  }

  private static Endpoint at(String url, Endpoint e) {
    URI uri = URI.create(url);
    boolean https = uri.getScheme().equalsIgnoreCase("https");
    String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
        : uri.getHost();
    int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String pathAndQuery = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    return new Endpoint(e.id, url, https, host, port, pathAndQuery, e.headers, e.signer, e.filter, e.mapper,
        e.schedule, e.guard, e.timeout, e.concurrency, e.disableAfter, e.preset, e.token, e.oauth);
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
