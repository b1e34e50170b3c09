package io.leadgate.admin;

import io.leadgate.config.Check;
import io.leadgate.http.Role;
import java.util.Locale;

/**
 * One API key of the {@code apiKeys:} list. Only the key's SHA-256 is configured, so the file holds nothing that
 * opens the API: {@code printf %s "$KEY" | sha256sum}.
 *
 * @param name   who or what uses the key (for logs; never secret)
 * @param sha256 the hex SHA-256 of the key
 * @param role   what the key may do: {@code viewer}, {@code sales} or {@code admin} (the default)
 */
public record ApiKeyConfig(String name, String sha256, String role) {
  public ApiKeyConfig {
    role = role == null ? Role.ADMIN.label() : role.strip().toLowerCase(Locale.ROOT);
    String given = role;
    Check.that(Role.parse(role).isPresent(), "role", "must be one of " + Role.labels() + " (was \"" + given + "\")");
    name = Check.required(name, "name");
    sha256 = Check.required(sha256, "sha256").toLowerCase(Locale.ROOT);
    Check.that(sha256.matches("[0-9a-f]{64}"), "sha256",
        "must be the 64 hex digits of the key's SHA-256 (printf %s \"$KEY\" | sha256sum)");
  }

  /** A key with the role {@code admin}. */
  public ApiKeyConfig(String name, String sha256) {
    this(name, sha256, null);
  }

  public Role access() {
    return Role.parse(role).orElseThrow();
  }

  @Override
  public String toString() {
    return "ApiKeyConfig[name=" + name + ", role=" + role + "]";
  }
}
