package io.leadgate.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One website that embeds the snippet.
 *
 * @param key                the public site key in {@code data-site}
 * @param name               a label for people
 * @param allowedOrigins     browser origins allowed to send events ({@code *} for any)
 * @param ip                 how much of the IP address is kept
 * @param botFilter          drop events whose user agent is a known bot
 * @param visitorTtlDays     anonymous visitors are forgotten this long after they were last seen
 * @param timelineMax        events kept in each visitor's timeline
 * @param statsRetentionDays daily aggregates are kept this long
 * @param timezone           the IANA time zone whose days the daily aggregates and reports follow (default UTC)
 * @param writeKeys          keys that server-side sources (Segment and RudderStack SDKs) send events with to
 *                           {@code /v1/*}; none: that API refuses every request for the site
 * @param leadRetentionDays  leads without activity (no change, no event of their visitors) this long are erased by
 *                           the privacy feature's sweep; absent: kept
 * @param honorDnt           a request with {@code DNT: 1} keeps no visitor profile, as one with {@code Sec-GPC: 1}
 *                           always does (default true; docs/privacy.md)
 * @param firstPartyPath     the path under which the site's own domain serves the gateway (a reverse proxy that takes
 *                           the prefix off), such as {@code /a7}; there the gateway keeps the visitor id in its own
 *                           HttpOnly cookie. Null: not served so, no cookie (docs/privacy.md)
 */
public record SiteConfig(String key, String name, List<String> allowedOrigins, IpPolicy ip, Boolean botFilter,
                         Integer visitorTtlDays, Integer timelineMax, Integer statsRetentionDays, String timezone,
                         List<WriteKeyConfig> writeKeys, Integer leadRetentionDays, Boolean honorDnt,
                         String firstPartyPath) {
  /** Words that content blockers' lists match in paths: a first-party path with one is blocked as a tracker's. */
  private static final Pattern TRACKER_LIKE = Pattern.compile(
      "track|analytic|pixel|beacon|collect|leadgate|telemetry|metric|(^|/)(stats?|tags?|lg|ga|gtm|events?)(/|$)");

  public SiteConfig {
    key = Check.required(key, "key");
    Check.that(key.matches("[A-Za-z0-9_-]{1,64}"), "key", "must be 1 to 64 letters, digits, '-' or '_' (was \"" + key + "\")");
    name = name == null ? key : name;
    allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    for (String origin : allowedOrigins) {
      Check.that(origin.equals("*") || origin.matches("https?://[^/\\s]+"), "allowedOrigins",
          "must be * or scheme://host[:port] without a path (was \"" + origin + "\")");
    }
    ip = ip == null ? IpPolicy.TRUNCATED : ip;
    botFilter = botFilter == null || botFilter;
    visitorTtlDays = visitorTtlDays == null ? 180 : visitorTtlDays;
    timelineMax = timelineMax == null ? 500 : timelineMax;
    statsRetentionDays = statsRetentionDays == null ? 400 : statsRetentionDays;
    Check.range(visitorTtlDays, 1, 3650, "visitorTtlDays");
    Check.range(timelineMax, 10, 100_000, "timelineMax");
    Check.range(statsRetentionDays, 1, 3650, "statsRetentionDays");
    if (leadRetentionDays != null) {
      Check.range(leadRetentionDays, 1, 36_500, "leadRetentionDays");
    }
    writeKeys = writeKeys == null ? List.of() : List.copyOf(writeKeys);
    Check.unique(writeKeys.stream().map(WriteKeyConfig::name).toList(), "writeKeys[].name");
    honorDnt = honorDnt == null || honorDnt;
    if (firstPartyPath != null) {
      firstPartyPath = firstPartyPath.strip().replaceAll("/+$", "");
      Check.that(firstPartyPath.matches("(/[A-Za-z0-9_-]{1,64}){1,4}"), "firstPartyPath",
          "must be a path of 1 to 4 segments of letters, digits, '-' or '_', such as /a7 (was \"" + firstPartyPath + "\")");
      Check.that(!TRACKER_LIKE.matcher(firstPartyPath.toLowerCase(java.util.Locale.ROOT)).find(), "firstPartyPath",
          "must not look like a tracker's path, which content blockers refuse: no track, analytics, pixel, beacon, "
              + "collect, leadgate, telemetry, metric, stats, tag, events (was \"" + firstPartyPath + "\")");
    }
    timezone = timezone == null ? "UTC" : timezone.strip();
    Check.that(isZone(timezone), "timezone", "must be an IANA time zone such as Europe/Berlin or UTC (was \""
        + timezone + "\")");
  }

  /** Where the site's days begin and end: a marketer reads "Monday" in the site's own time. */
  public ZoneId zone() {
    return ZoneId.of(timezone);
  }

  private static boolean isZone(String id) {
    try {
      ZoneId.of(id);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  public boolean allowsOrigin(String origin) {
    return allowedOrigins.contains("*") || (origin != null && allowedOrigins.contains(origin));
  }
}
