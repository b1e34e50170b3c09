package io.leadgate.forms;

import io.leadgate.config.SiteConfig;
import io.leadgate.core.NotFound;
import io.leadgate.stats.DailyStats;
import io.leadgate.stats.DayRange;
import io.leadgate.stats.StatsStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The forms report of a site over days: per form, the submissions and what became of them (leads made, spam
 * stopped by each defence, junk by reason, retries, invalid, rate-limited), from the daily counts that
 * {@link FormOutcomes} keeps. Every form of the site is listed, with zeros when nothing came in. A form that names
 * its {@link FormConfig#pages pages} also gets their page views over the days (the site's daily stats) and the share
 * of those views that made a lead.
 */
public final class FormsReport {
  private final List<FormConfig> forms;
  private final Map<String, SiteConfig> sites;
  private final FormCountStore counts;
  private final StatsStore stats;
  private final Clock clock;

  public FormsReport(List<FormConfig> forms, Map<String, SiteConfig> sites, FormCountStore counts, StatsStore stats,
                     Clock clock) {
    this.forms = List.copyOf(forms);
    this.sites = Map.copyOf(sites);
    this.counts = counts;
    this.stats = stats;
    this.clock = clock;
  }

  /** @param from first day (YYYY-MM-DD, the site's), or null; @param to last day, or null for today */
  public Future<JsonObject> report(String siteKey, String from, String to) {
    SiteConfig site = sites.get(siteKey);
    if (site == null) {
      throw new NotFound("unknown_site", "no site has the key " + siteKey);
    }
    DayRange range = DayRange.parse(from, to, site.zone(), clock);
    Map<String, FormConfig> configured = new TreeMap<>();
    forms.stream().filter(f -> f.site().equals(site.key())).forEach(f -> configured.put(f.id(), f));
    Future<Map<String, Map<String, Long>>> outcomes = counts.read(site.key(), range.days());
    Future<Map<String, Long>> views = configured.values().stream().anyMatch(f -> !f.pages().isEmpty())
        ? pageviews(site.key(), range.days()) : Future.succeededFuture(Map.of());
    return Future.all(outcomes, views).map(done -> {
      Map<String, Map<String, Long>> byForm = outcomes.result();
      Set<String> ids = new TreeSet<>(byForm.keySet());
      ids.addAll(configured.keySet());
      JsonArray out = new JsonArray();
      ids.forEach(id -> out.add(withViews(form(id, byForm.getOrDefault(id, Map.of())), configured.get(id),
          views.result())));
      return new JsonObject().put("site", site.key()).put("from", range.first().toString())
          .put("to", range.last().toString()).put("timezone", site.timezone()).put("forms", out);
    });
  }

  /** Page views per path over the days. */
  private Future<Map<String, Long>> pageviews(String site, List<LocalDate> days) {
    List<Future<DailyStats>> reads = days.stream().map(day -> stats.daily(site, day)).toList();
    return Future.all(reads).map(done -> {
      Map<String, Long> sum = new HashMap<>();
      reads.forEach(read -> read.result().pageviews().forEach((path, n) -> sum.merge(path, n, Long::sum)));
      return sum;
    });
  }

  /**
   * The views of the form's pages and the conversion {@code leads made / views}; both null when the form names no
   * page (or is not configured any more).
   */
  private static JsonObject withViews(JsonObject row, FormConfig form, Map<String, Long> views) {
    if (form == null || form.pages().isEmpty()) {
      return row.putNull("pages").putNull("views").putNull("conversion");
    }
    long seen = form.pages().stream().mapToLong(page -> views.getOrDefault(page, 0L)).sum();
    long made = row.getJsonObject("leads").getLong("created");
    return row.put("pages", new JsonArray(form.pages())).put("views", seen)
        .put("conversion", seen == 0 ? null : (double) made / seen);
  }

  private static JsonObject form(String id, Map<String, Long> outcomes) {
    long submissions = outcomes.values().stream().mapToLong(Long::longValue).sum();
    long created = outcomes.getOrDefault("lead_created", 0L);
    long updated = outcomes.getOrDefault("lead_updated", 0L);
    return new JsonObject().put("form", id).put("submissions", submissions)
        .put("leads", new JsonObject().put("created", created).put("updated", updated))
        .put("spam", split(outcomes, "spam")).put("junk", split(outcomes, "junk"))
        .put("rateLimited", split(outcomes, "rate_limited"))
        .put("retries", outcomes.getOrDefault("retry", 0L)).put("invalid", outcomes.getOrDefault("invalid", 0L));
  }

  /** {@code {"total": n, "by": {"honeypot": 3, ...}}} from the outcomes {@code kind:detail}. */
  private static JsonObject split(Map<String, Long> outcomes, String kind) {
    Map<String, Object> by = new TreeMap<>();
    long total = 0;
    for (Map.Entry<String, Long> e : outcomes.entrySet()) {
      if (e.getKey().equals(kind) || e.getKey().startsWith(kind + ":")) {
        total += e.getValue();
        if (e.getKey().length() > kind.length()) {
          by.put(e.getKey().substring(kind.length() + 1), e.getValue());
        }
      }
    }
    return new JsonObject().put("total", total).put("by", new JsonObject(by));
  }
}
