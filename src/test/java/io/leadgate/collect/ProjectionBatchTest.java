package io.leadgate.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leadgate.ConfigLoader;
import io.leadgate.config.SiteConfig;
import io.leadgate.collect.EventLog.LoggedEvent;
import io.leadgate.core.Event;
import io.leadgate.core.EventType;
import io.leadgate.identity.VisitorStore.Recorded;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectionBatchTest {
  static final long DAY_ONE = LocalDate.of(2026, 11, 24).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
      .toEpochMilli();
  static final long DAY_TWO = DAY_ONE + 86_400_000L;
  final Map<String, SiteConfig> sites = new ConfigLoader().parse("sites: [{key: acme}, {key: beta}]", "test.yaml")
      .sitesByKey();

  static LoggedEvent entry(String id, String site, String visitor, String url, long at) {
    return new LoggedEvent("0-" + id, new Event(id, site, visitor, null, EventType.PAGEVIEW, url, null, null, null,
        Map.of(), Map.of(), null, Map.of(), 0, at, null));
  }

  static Recorded fresh() {
    return new Recorded(true, false, null);
  }

  @Test
  void of_unreadableOrUnknownSite_isLeftOut() {
    ProjectionBatch batch = ProjectionBatch.of(List.of(entry("e1", "acme", "v1", "https://acme.com/", DAY_ONE),
        new LoggedEvent("0-2", null), entry("e3", "gone", "v1", "https://gone.com/", DAY_ONE)), sites);
    assertEquals(List.of("e1"), batch.events().stream().map(Event::id).toList());
    assertEquals(1, batch.recordings().size());
  }

  @Test
  void dailyTotals_sumTheFreshEventsPerSiteAndDay() {
    ProjectionBatch batch = ProjectionBatch.of(List.of(
        entry("e1", "acme", "v1", "https://acme.com/a?x=1", DAY_ONE),
        entry("e2", "acme", "v2", "https://acme.com/a", DAY_ONE + 1),
        entry("e3", "beta", "v3", "https://beta.com/", DAY_ONE + 2),
        entry("e4", "acme", "v1", "https://acme.com/b", DAY_TWO)), sites);
    List<ProjectionBatch.DayTotals> days = batch.dailyTotals(List.of(fresh(), new Recorded(true, true, null),
        fresh(), fresh()));
    assertEquals(List.of("acme 2026-11-24", "beta 2026-11-24", "acme 2026-11-25"),
        days.stream().map(d -> d.site() + " " + d.day()).toList());
    assertEquals(Map.of("/a", 2L), days.get(0).totals().pageviews());
    assertEquals(List.of("v1", "v2"), List.copyOf(days.get(0).totals().visitors()));
    assertEquals(Map.of("direct", 1L), days.get(0).totals().sources());
  }

  @Test
  void dailyTotals_duplicates_areNotCountedAgain() {
    ProjectionBatch batch = ProjectionBatch.of(List.of(
        entry("e1", "acme", "v1", "https://acme.com/a", DAY_ONE),
        entry("e2", "acme", "v2", "https://acme.com/b", DAY_ONE)), sites);
    List<ProjectionBatch.DayTotals> days = batch.dailyTotals(List.of(new Recorded(false, false, null), fresh()));
    assertEquals(1, days.size());
    assertEquals(Map.of("/b", 1L), days.get(0).totals().pageviews());
    assertEquals(List.of(), batch.dailyTotals(List.of(new Recorded(false, false, null),
        new Recorded(false, false, null))));
  }
}
