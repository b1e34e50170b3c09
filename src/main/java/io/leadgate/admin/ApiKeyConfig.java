package io.leadgate.admin;

import io.leadgate.config.Check;
import java.util.Locale;

/**
 * One API key of the {@code apiKeys:} list. Only the key's SHA-256 is configured, so the file holds nothing that
 * opens the API: {@code printf %s "$KEY" | sha256sum}.
 *
 * @param name   who or what uses the key (for logs; never secret)
 * @param sha256 the hex SHA-256 of the key
 */
public record ApiKeyConfig(String name, String sha256) {
  public ApiKeyConfig {
    name = Check.required(name, "name");
    sha256 = Check.required(sha256, "sha256").toLowerCase(Locale.ROOT);
    Check.that(sha256.matches("[0-9a-f]{64}"), "sha256",
        "must be the 64 hex digits of the key's SHA-256 (printf %s \"$KEY\" | sha256sum)");
  }

  @Override
  public String toString() {
    return "ApiKeyConfig[name=" + name + "]";
  }
}
