package io.leadgate.collect;

import io.leadgate.config.SiteConfig;
import io.leadgate.core.Event;
import io.leadgate.stats.DailyTotals;
import io.leadgate.collect.EventLog.LoggedEvent;
import io.leadgate.identity.VisitorStore.Recorded;
import io.leadgate.identity.VisitorStore.Recording;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of one batch read from the log, on their way into the stores: what to record on their visitors,
 * and then the daily totals of the events that recording found fresh, summed per site and day. Entries that
 * cannot be projected (unreadable, or their site was removed from the configuration) are left out. Cookieless
 * events are not recorded on any visitor and told to no listener: they only count in their day.
 */
final class ProjectionBatch {
  private final List<Event> events = new ArrayList<>();
  private final List<SiteConfig> sites = new ArrayList<>();
  private final List<Event> cookieless = new ArrayList<>();
  private final List<SiteConfig> cookielessSites = new ArrayList<>();

  private ProjectionBatch() {
  }

  static ProjectionBatch of(List<LoggedEvent> entries, Map<String, SiteConfig> sitesByKey) {
    ProjectionBatch batch = new ProjectionBatch();
    for (LoggedEvent entry : entries) {
      Event event = entry.event();
      SiteConfig site = event == null ? null : sitesByKey.get(event.site());
      if (site != null && event.cookieless()) {
        batch.cookieless.add(event);
        batch.cookielessSites.add(site);
      } else if (site != null) {
        batch.events.add(event);
        batch.sites.add(site);
      }
    }
    return batch;
  }

  /** The projectable events that have a visitor, in log order. */
  List<Event> events() {
    return events;
  }

  /** What to record on the visitors, one per {@link #events()} entry, in log order. */
  List<Recording> recordings() {
    List<Recording> recordings = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      Event event = events.get(i);
      recordings.add(new Recording(event, Projection.visitorRecord(event), Projection.retention(sites.get(i))));
    }
    return recordings;
  }

  /**
   * The daily totals of the events that were fresh in the recording call that answered {@code recorded} (one
   * per {@link #events()} entry): a duplicate was counted when it was first recorded, so it is not counted again.
   * The cookieless events count too; nothing remembers their ids, so one read again after a failed round counts
   * again (docs/privacy.md).
   */
  List<DayTotals> dailyTotals(List<Recorded> recorded) {
    Map<String, DayTotals> days = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      if (recorded.get(i).fresh()) {
        add(days, events.get(i), sites.get(i), recorded.get(i));
      }
    }
    for (int i = 0; i < cookieless.size(); i++) {
      add(days, cookieless.get(i), cookielessSites.get(i), Projection.COOKIELESS);
    }
    return List.copyOf(days.values());
  }

  private static void add(Map<String, DayTotals> days, Event event, SiteConfig site, Recorded recorded) {
    LocalDate day = Projection.day(event, site.zone());
    days.computeIfAbsent(site.key() + "/" + day,
            k -> new DayTotals(site.key(), day, new DailyTotals(), Projection.statsTtlSeconds(site)))
        .totals().add(Projection.dailyCount(event, recorded));
  }

  /** The summed contributions of some events to one site's day. */
  record DayTotals(String site, LocalDate day, DailyTotals totals, long ttlSeconds) {
  }
}
