package io.leadgate.funnel;

import io.leadgate.config.SiteConfig;
import io.leadgate.core.NotFound;
import io.leadgate.identity.Lead;
import io.leadgate.identity.LeadStore;
import io.leadgate.identity.StageEntry;
import io.leadgate.stats.DayRange;
import io.leadgate.stats.StatsStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The funnel of a site over days: the unique visitors of those days (the daily aggregates), then the leads made in
 * them (the {@link FunnelIndex}) and how far each got (its stage history): at most {@value #MAX_LEADS} leads, the
 * answer says {@code truncated} beyond.
 */
public final class FunnelService {
  public static final int MAX_LEADS = 20_000;
  private final Map<String, SiteConfig> sites;
  private final FunnelIndex index;
  private final LeadStore leads;
  private final StatsStore stats;
  private final Clock clock;

  public FunnelService(Map<String, SiteConfig> sites, FunnelIndex index, LeadStore leads, StatsStore stats,
                       Clock clock) {
    this.sites = Map.copyOf(sites);
    this.index = index;
    this.leads = leads;
    this.stats = stats;
    this.clock = clock;
  }

  public Future<JsonObject> report(String siteKey, String from, String to) {
    SiteConfig site = sites.get(siteKey);
    if (site == null) {
      throw new NotFound("unknown_site", "no site has the key " + siteKey);
    }
    DayRange range = DayRange.parse(from, to, site.zone(), clock);
    long fromMs = range.first().atStartOfDay(site.zone()).toInstant().toEpochMilli();
    long toMs = range.last().plusDays(1).atStartOfDay(site.zone()).toInstant().toEpochMilli();
    Future<Long> visitors = stats.uniqueVisitors(site.key(), range.days());
    Future<List<Funnel.LeadFacts>> cohort = index.madeBetween(site.key(), fromMs, toMs, MAX_LEADS + 1)
        .compose(this::facts);
    return Future.all(visitors, cohort).map(done -> {
      List<Funnel.LeadFacts> facts = cohort.result();
      boolean truncated = facts.size() > MAX_LEADS;
      return Funnel.of(visitors.result(), truncated ? facts.subList(0, MAX_LEADS) : facts)
          .put("site", site.key()).put("from", range.first().toString()).put("to", range.last().toString())
          .put("timezone", site.timezone()).put("truncated", truncated);
    });
  }

  private Future<List<Funnel.LeadFacts>> facts(List<String> ids) {
    List<Future<Optional<Funnel.LeadFacts>>> reads = new ArrayList<>(ids.size());
    for (String id : ids) {
      Future<Optional<Lead>> lead = leads.lead(id);
      Future<List<StageEntry>> history = leads.stages(id);
      reads.add(Future.all(lead, history).map(done -> lead.result().map(l -> facts(l, history.result()))));
    }
    return Future.all(reads).map(done -> {
      List<Funnel.LeadFacts> out = new ArrayList<>(reads.size());
      reads.forEach(read -> read.result().ifPresent(out::add));
      return out;
    });
  }

  private static Funnel.LeadFacts facts(Lead lead, List<StageEntry> history) {
    JsonObject touch = lead.firstTouch();
    String magnet = Objects.requireNonNullElse(StageEntry.magnet(history), "(none)");
    return new Funnel.LeadFacts(touch.getString("source", "(unknown)"), touch.getString("utm_campaign", "(none)"),
        magnet, lead.createdAt(), history, lead.disqualifiedReason());
  }
}
