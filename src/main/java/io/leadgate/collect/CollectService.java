package io.leadgate.collect;

import io.leadgate.config.SiteConfig;
import io.leadgate.core.Event;
import io.leadgate.core.Forbidden;
import io.leadgate.core.InvalidInput;
import io.leadgate.core.NotFound;
import io.leadgate.core.StoreUnavailable;
import io.leadgate.ops.Metrics;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Event intake: checks the site, its allowed origins and bots, applies the site's IP policy and appends the
 * events to the log. The answer comes only once the log holds them all.
 */
public final class CollectService {
  private final Map<String, SiteConfig> sites;
  private final EventLog log;
  private final BotFilter bots;
  private final Backlog backlog;
  private final IntakeRate rate;
  private final Metrics metrics;

  public CollectService(Map<String, SiteConfig> sites, EventLog log, BotFilter bots, Backlog backlog, IntakeRate rate,
                        Metrics metrics) {
    this.sites = sites;
    this.log = log;
    this.bots = bots;
    this.backlog = backlog;
    this.rate = rate;
    this.metrics = metrics;
  }

  /**
   * @param batch validated events, all of one site, and those of the request that were refused
   * @return how many were stored, how many were ignored and why, and which were refused
   */
  public Future<Outcome> collect(EventBatch batch, Requester requester) {
    List<Event> events = batch.events();
    SiteConfig site = siteOf(events);
    if (!batch.rejected().isEmpty()) {
      metrics.eventsRejected("invalid", batch.rejected().size());
    }
    if (!requester.authenticated() && requester.origin() != null && !site.allowsOrigin(requester.origin())) {
      metrics.eventsRejected("origin", events.size());
      throw new Forbidden("origin_not_allowed",
          "origin " + requester.origin() + " may not send events for site " + site.key());
    }
    if (!requester.authenticated() && site.botFilter() && bots.isBot(requester.userAgent())) {
      metrics.eventsRejected("bot", events.size());
      return Future.succeededFuture(new Outcome(0, events.size(), "bot", batch.rejected()));
    }
    if (backlog.full()) {
      metrics.eventsRejected("backlog", events.size());
      return Future.failedFuture(new StoreUnavailable("the event backlog is full", null));
    }
    String ip = IpAnonymizer.apply(site.ip(), requester.ip());
    List<Event> stored = new ArrayList<>(events.size());
    for (Event e : events) {
      // an event may name its own address (a server sending for its users); the site's policy applies to it too
      String kept = e.ip() == null ? ip : IpAnonymizer.apply(site.ip(), e.ip());
      stored.add(new Event(e.id(), e.site(), e.visitor(), e.session(), e.type(), e.url(), e.page(), e.title(),
          e.referrer(), e.utm(), e.click(), e.name(), e.props(), e.clientTs(), e.receivedAt(), kept));
    }
    return log.append(stored)
        .onSuccess(v -> {
          rate.accepted(stored.size());
          metrics.eventsAccepted(site.key(), stored.size());
        })
        .onFailure(e -> metrics.eventsRejected("store_unavailable", stored.size()))
        .map(new Outcome(stored.size(), 0, null, batch.rejected()));
  }

  private SiteConfig siteOf(List<Event> events) {
    String key = events.get(0).site();
    for (int i = 1; i < events.size(); i++) {
      if (!events.get(i).site().equals(key)) {
        metrics.eventsRejected("invalid", events.size());
        throw InvalidInput.field("[" + i + "].site", "every event of a batch must be for the same site");
      }
    }
    SiteConfig site = sites.get(key);
    if (site == null) {
      metrics.eventsRejected("unknown_site", events.size());
      throw new NotFound("unknown_site", "no site has the key " + key);
    }
    return site;
  }

  /**
   * Who sent the request, as far as it matters to intake.
   *
   * @param authenticated a server-side source that proved itself with a site's write key: its user agent is not
   *                      a browser's and it sends no browser origin, so neither the bot filter nor the origin check
   *                      applies
   */
  public record Requester(String origin, String userAgent, String ip, boolean authenticated) {

    /** A browser (or anything that calls the public intake). */
    public Requester(String origin, String userAgent, String ip) {
      this(origin, userAgent, ip, false);
    }

    /** A server-side source authenticated with a write key of the site its events are for. */
    public static Requester server(String ip) {
      return new Requester(null, null, ip, true);
    }
  }

  /**
   * @param reason   why events were ignored (null when none were)
   * @param rejected events of the batch that broke a rule and were not stored
   */
  public record Outcome(int stored, int ignored, String reason, List<EventBatch.Rejected> rejected) {
  }
}
