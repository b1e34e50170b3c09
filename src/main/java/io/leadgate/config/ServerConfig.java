package io.leadgate.config;

import io.leadgate.net.Cidr;
import java.util.List;

/**
 * The HTTP side of the gateway.
 *
 * @param port          listening port (env {@code LEADGATE_PORT} overrides)
 * @param host          listening address
 * @param bodyLimit     largest request body in bytes; larger bodies get 413
 * @param trustedProxies addresses or CIDR blocks of reverse proxies whose {@code X-Forwarded-For} is believed
 * @param demoPage      serve the bundled demo landing page at {@code /}
 * @param instances     HTTP verticle instances (event loops serving requests)
 * @param publicUrl     the URL visitors reach the gateway at (used in links it hands out); null: derived per request
 * @param transport     the socket layer: io_uring took a quarter less CPU per event than nio (docs/benchmarks.md)
 */
public record ServerConfig(Integer port, String host, Integer bodyLimit, List<String> trustedProxies, Boolean demoPage,
                           Integer instances, String publicUrl, NetworkTransport transport) {
  public ServerConfig {
    port = port == null ? 8080 : port;
    host = host == null ? "0.0.0.0" : host;
    bodyLimit = bodyLimit == null ? 64 * 1024 : bodyLimit;
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    demoPage = demoPage != null && demoPage;
    instances = instances == null ? 1 : instances;
    transport = transport == null ? NetworkTransport.AUTO : transport;
    Check.range(port, 0, 65535, "port");
    Check.range(bodyLimit, 1024, 16 * 1024 * 1024, "bodyLimit");
    Check.range(instances, 1, 64, "instances");
    for (int i = 0; i < trustedProxies.size(); i++) {
      try {
        Cidr.parse(trustedProxies.get(i));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("trustedProxies[" + i + "]", e.getMessage());
      }
    }
    Check.that(publicUrl == null || publicUrl.matches("https?://[^\\s/]+(/.*)?"), "publicUrl",
        "must be an http(s) URL (was \"" + publicUrl + "\")");
  }

  public static ServerConfig defaults() {
    return new ServerConfig(null, null, null, null, null, null, null, null);
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(newPort, host, bodyLimit, trustedProxies, demoPage, instances, publicUrl, transport);
  }
}
