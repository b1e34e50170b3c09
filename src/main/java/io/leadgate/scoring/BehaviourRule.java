package io.leadgate.scoring;

import io.leadgate.collect.Urls;

import io.leadgate.core.Event;
import io.leadgate.core.EventType;
import io.leadgate.config.Check;
import java.util.Arrays;
import java.util.Locale;

/**
 * Points for something a lead does ({@code scoring.rules[]}). Every condition given must hold; patterns are
 * {@link Glob}s, case-insensitive.
 *
 * @param id          names the rule in score explanations and stage reasons; unique among rules and fit rules
 * @param event       pageview, download, outbound, custom, form or engagement
 * @param path        the path of the page (pageview: the page viewed; other events: the page they happened on)
 * @param asset       download only: the downloaded file's URL (without query)
 * @param name        custom only: the custom event's name
 * @param form        form only: the form id
 * @param utmSource   the event's {@code utm_source}
 * @param utmCampaign the event's {@code utm_campaign}
 * @param points      what a match is worth, negative to count against the lead (-1000 to 1000, not 0)
 * @param maxPerDay   how many matches per lead and UTC day count at most; null: no limit
 */
public record BehaviourRule(String id, String event, Glob path, Glob asset, Glob name, Glob form, Glob utmSource,
                            Glob utmCampaign, Integer points, Integer maxPerDay) {

  public BehaviourRule {
    id = RuleIds.check(id);
    Check.required(event, "event");
    event = event.strip().toLowerCase(Locale.ROOT);
    EventType type = EventType.parse(event).orElse(null);
    Check.that(type != null, "event", "must be one of " + Arrays.stream(EventType.values()).map(EventType::label)
        .toList() + " (was \"" + event + "\")");
    Check.that(asset == null || type == EventType.DOWNLOAD, "asset", "applies to event: download only");
    Check.that(name == null || type == EventType.CUSTOM, "name", "applies to event: custom only");
    Check.that(form == null || type == EventType.FORM, "form", "applies to event: form only");
    Check.that(points != null, "points", "is required");
    Check.range(points, -1000, 1000, "points");
    Check.that(points != 0, "points", "must not be 0");
    if (maxPerDay != null) {
      Check.range(maxPerDay, 1, 10_000, "maxPerDay");
    }
  }

  public EventType type() {
    return EventType.parse(event).orElseThrow();
  }

  /** True when every condition of the rule holds for the event. */
  public boolean matches(Event e) {
    if (e.type() != type()) {
      return false;
    }
    String page = e.type() == EventType.PAGEVIEW ? e.url() : e.page();
    return (path == null || path.matches(Urls.pathOf(page)))
        && (asset == null || asset.matches(Urls.withoutQuery(e.url())))
        && (name == null || name.matches(e.name()))
        && (form == null || form.matches(e.name()))
        && (utmSource == null || utmSource.matches(e.utm().get("source")))
        && (utmCampaign == null || utmCampaign.matches(e.utm().get("campaign")));
  }
}
