package io.leadgate.admin;

import io.leadgate.config.Check;
import java.util.Locale;

/**
 * A key that may call {@code /api/*} ({@code apiKeys[]}). Only the key's SHA-256 is configured, never the key:
 * {@code printf %s "$KEY" | sha256sum}.
 *
 * @param name   who holds it (shown in stage history as {@code sales:<name>}); letters, digits, '.', '-', '_'
 * @param sha256 the key's SHA-256, 64 hex digits
 */
public record ApiKey(String name, String sha256) {
  public ApiKey {
    name = Check.required(name, "name");
    Check.that(name.matches("[A-Za-z0-9_.-]{1,64}"), "name",
        "must be 1 to 64 letters, digits, '.', '-' or '_' (was \"" + name + "\")");
    sha256 = Check.required(sha256, "sha256").toLowerCase(Locale.ROOT);
    Check.that(sha256.matches("[0-9a-f]{64}"), "sha256",
        "must be the key's SHA-256 as 64 hex digits (printf %s \"$KEY\" | sha256sum)");
  }
}
