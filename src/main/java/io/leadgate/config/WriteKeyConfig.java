package io.leadgate.config;

import java.util.Locale;

/**
 * One write key of a site's {@code writeKeys:} list: what a Segment or RudderStack SDK sends as the username of HTTP
 * Basic auth to {@code /v1/*}. Only the key's SHA-256 is configured, as for API keys, so the file holds nothing that
 * lets anyone send events: {@code printf %s "$KEY" | sha256sum}.
 *
 * @param name   which source uses the key (for people and logs; never secret)
 * @param sha256 the hex SHA-256 of the key
 */
public record WriteKeyConfig(String name, String sha256) {
  public WriteKeyConfig {
    name = Check.required(name, "name");
    sha256 = Check.required(sha256, "sha256").toLowerCase(Locale.ROOT);
    Check.that(sha256.matches("[0-9a-f]{64}"), "sha256",
        "must be the 64 hex digits of the key's SHA-256 (printf %s \"$KEY\" | sha256sum)");
  }

  @Override
  public String toString() {
    return "WriteKeyConfig[name=" + name + "]";
  }
}
