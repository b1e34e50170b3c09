package io.leadgate.forms;

import io.leadgate.config.SiteConfig;
import io.leadgate.core.NotFound;
import io.leadgate.stats.DayRange;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The forms report of a site over days: per form, the submissions and what became of them (leads made, spam
 * stopped by each defence, junk by reason, retries, invalid, rate-limited), from the daily counts that
 * {@link FormOutcomes} keeps. Every form of the site is listed, with zeros when nothing came in.
 */
public final class FormsReport {
  private final List<FormConfig> forms;
  private final Map<String, SiteConfig> sites;
  private final FormCountStore counts;
  private final Clock clock;

  public FormsReport(List<FormConfig> forms, Map<String, SiteConfig> sites, FormCountStore counts, Clock clock) {
    this.forms = List.copyOf(forms);
    this.sites = Map.copyOf(sites);
    this.counts = counts;
    this.clock = clock;
  }

  /** @param from first day (YYYY-MM-DD, the site's), or null; @param to last day, or null for today */
  public Future<JsonObject> report(String siteKey, String from, String to) {
    SiteConfig site = sites.get(siteKey);
    if (site == null) {
      throw new NotFound("unknown_site", "no site has the key " + siteKey);
    }
    DayRange range = DayRange.parse(from, to, site.zone(), clock);
    return counts.read(site.key(), range.days()).map(byForm -> {
      Set<String> ids = new TreeSet<>(byForm.keySet());
      forms.stream().filter(f -> f.site().equals(site.key())).forEach(f -> ids.add(f.id()));
      JsonArray out = new JsonArray();
      ids.forEach(id -> out.add(form(id, byForm.getOrDefault(id, Map.of()))));
      return new JsonObject().put("site", site.key()).put("from", range.first().toString())
          .put("to", range.last().toString()).put("timezone", site.timezone()).put("forms", out);
    });
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
