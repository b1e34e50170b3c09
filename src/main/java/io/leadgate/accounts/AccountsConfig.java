package io.leadgate.accounts;

import io.leadgate.config.Check;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code accounts:} section.
 *
 * @param aliases domains declared to be one company: alias → the account's domain ({@code acme-corp.com: acme.com});
 *                both are normalised to their registrable domain, an alias may not itself be aliased to, and the
 *                canonical domain may not be an alias
 */
public record AccountsConfig(Map<String, String> aliases) {

  public AccountsConfig {
    Map<String, String> normalised = new LinkedHashMap<>();
    if (aliases != null) {
      aliases.forEach((alias, canonical) -> {
        String field = "aliases." + alias;
        String from = AccountDomains.registrable(alias).orElse(null);
        Check.that(from != null, field, "must be a domain such as acme-corp.com (was \"" + alias + "\")");
        String to = canonical == null ? null : AccountDomains.registrable(canonical).orElse(null);
        Check.that(to != null, field, "must name a domain such as acme.com (was \"" + canonical + "\")");
        Check.that(!from.equals(to), field, "names its own domain");
        Check.that(!normalised.containsKey(from), field, "is declared twice (as " + from + ")");
        normalised.put(from, to);
      });
      normalised.forEach((from, to) -> Check.that(!normalised.containsKey(to), "aliases." + from,
          to + " is itself an alias: name the account's own domain"));
    }
    aliases = Map.copyOf(normalised);
  }

  public static AccountsConfig defaults() {
    return new AccountsConfig(null);
  }
}
