package io.leadgate.webhooks;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * An endpoint as the dispatcher uses it: its validated configuration compiled once into the signer, filter, payload
 * mapper, retry schedule and SSRF guard. Immutable.
 */
public record Endpoint(String id, String url, boolean https, String host, int port, String pathAndQuery,
                       Map<String, String> headers, Signer signer, EventFilter filter, PayloadMapper mapper,
                       RetrySchedule schedule, SsrfGuard guard, Duration timeout, int concurrency,
                       Duration disableAfter) {

  public static Endpoint of(EndpointConfig config, double jitter) {
    URI uri = URI.create(config.url());
    boolean https = uri.getScheme().equalsIgnoreCase("https");
    String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
    int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String pathAndQuery = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    return new Endpoint(config.id(), config.url(), https, host, port, pathAndQuery, config.headers(),
        new Signer(config.secrets()), config.eventFilter(), config.payload().mapper(),
        new RetrySchedule(config.retryDelays(), jitter), new SsrfGuard(config.allowedSubnets()),
        config.timeoutDuration(), config.concurrency(), config.disableAfterDuration());
  }

  @Override
  public String toString() {
    return "Endpoint[" + id + " " + url + "]";
  }
}
