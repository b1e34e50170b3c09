package io.leadgate.forms;

import io.leadgate.config.Check;

/**
 * The defences that stop bots without a CAPTCHA. A submission caught by one is answered exactly like a real one
 * and creates nothing.
 *
 * @param honeypot         a field hidden from people (bots fill it in); default {@code website}
 * @param minSeconds       a submit sooner than this after the form was rendered is a bot
 * @param requireToken     a submit without a render token is a bot (only for pages that always carry one)
 * @param tokenMaxAgeHours a render token older than this counts as absent
 * @param blockDisposable  an address of a disposable-email domain is a bot (or a person who wants no contact)
 */
public record SpamConfig(String honeypot, Integer minSeconds, Boolean requireToken, Integer tokenMaxAgeHours,
                         Boolean blockDisposable) {
  public SpamConfig {
    honeypot = honeypot == null ? "website" : honeypot;
    Check.that(honeypot.matches("[A-Za-z0-9_.-]{1,64}"), "honeypot",
        "must be a field name of 1 to 64 letters, digits, '.', '-' or '_' (was \"" + honeypot + "\")");
    minSeconds = minSeconds == null ? 3 : minSeconds;
    Check.range(minSeconds, 0, 3600, "minSeconds");
    requireToken = requireToken != null && requireToken;
    tokenMaxAgeHours = tokenMaxAgeHours == null ? 24 : tokenMaxAgeHours;
    Check.range(tokenMaxAgeHours, 1, 24 * 30, "tokenMaxAgeHours");
    blockDisposable = blockDisposable == null || blockDisposable;
  }

  public static SpamConfig defaults() {
    return new SpamConfig(null, null, null, null, null);
  }
}
