package io.leadgate.collect;

import io.leadgate.config.SiteConfig;
import io.leadgate.core.Event;
import io.leadgate.core.Forbidden;
import io.leadgate.core.InvalidInput;
import io.leadgate.core.NotFound;
import io.leadgate.core.StoreUnavailable;
import io.leadgate.identity.ConsentService;
import io.leadgate.identity.CookielessIds;
import io.leadgate.ops.Metrics;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Event intake: checks the site, its allowed origins and bots, applies the site's IP policy and appends the
 * events to the log. The answer comes only once the log holds them all.
 *
 * <p>Privacy is decided here, once per request (docs/privacy.md): a page view without a visitor id, and every event
 * of a request with {@code Sec-GPC: 1} (or {@code DNT: 1}, unless the site's {@code honorDnt} is false), is
 * cookieless: its visitor becomes the day's salted hash of address and browser ({@link CookielessIds}), and it only
 * counts in the day's figures. Where the site serves the gateway first party, the id of the gateway's own cookie
 * ({@link VisitorCookie}) wins over the one the events carry. The snippet's consent answers are recorded on the
 * visitor's lead ({@link ConsentService}) and never logged.
 */
public final class CollectService {
  private final Map<String, SiteConfig> sites;
  private final EventLog log;
  private final BotFilter bots;
  private final Backlog backlog;
  private final IntakeRate rate;
  private final Metrics metrics;
  private final CookielessIds cookieless;
  private final ConsentService consents;

  public CollectService(Map<String, SiteConfig> sites, EventLog log, BotFilter bots, Backlog backlog, IntakeRate rate,
                        Metrics metrics, CookielessIds cookieless, ConsentService consents) {
    this.cookieless = cookieless;
    this.consents = consents;
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
      return Future.succeededFuture(new Outcome(0, events.size(), "bot", batch.rejected(), site,
          VisitorCookie.LEAVE));
    }
    if (backlog.full()) {
      metrics.eventsRejected("backlog", events.size());
      return Future.failedFuture(new StoreUnavailable("the event backlog is full", null));
    }
    boolean untracked = requester.gpc() || (requester.dnt() && site.honorDnt());
    String cookieId = untracked || site.firstPartyPath() == null ? null : requester.cookieVisitor();
    boolean anyCookieless = untracked || events.stream().anyMatch(e -> e.visitor() == null);
    Future<String> hash = anyCookieless ? cookieless.visitorId(site.key(), requester.ip(), requester.userAgent())
        : Future.succeededFuture(null);
    return hash.compose(cookielessId -> store(site, events, untracked, cookieId, cookielessId, requester))
        .map(done -> new Outcome(done.stored(), 0, null, batch.rejected(), site, done.cookie()));
  }

  private Future<Stored> store(SiteConfig site, List<Event> events, boolean untracked, String cookieId,
                               String cookielessId, Requester requester) {
    String ip = IpAnonymizer.apply(site.ip(), requester.ip());
    List<Event> stored = new ArrayList<>(events.size());
    List<Future<Boolean>> answers = new ArrayList<>();
    String tracked = null;
    boolean withdrawn = false;
    for (Event e : events) {
      Optional<Boolean> consent = ConsentAnswer.of(e);
      if (consent.isPresent()) {
        withdrawn |= !consent.get();
        if (!untracked) {
          answers.add(consents.recordForVisitor(site.key(), cookieId != null ? cookieId : e.visitor(), consent.get()));
        }
      } else if (untracked || e.visitor() == null) {
        // counted, not tracked: no session, no address, no properties, nothing a profile could be made of
        stored.add(new Event(e.id(), e.site(), cookielessId, null, e.type(), e.url(), null, null, null, null, null,
            e.name(), null, e.clientTs(), e.receivedAt(), null));
      } else {
        String visitor = cookieId != null ? cookieId : e.visitor();
        tracked = tracked == null ? visitor : tracked;
        // an event may name its own address (a server sending for its users); the site's policy applies to it too
        String kept = e.ip() == null ? ip : IpAnonymizer.apply(site.ip(), e.ip());
        stored.add(new Event(e.id(), e.site(), visitor, e.session(), e.type(), e.url(), e.page(), e.title(),
            e.referrer(), e.utm(), e.click(), e.name(), e.props(), e.clientTs(), e.receivedAt(), kept));
      }
    }
    int cookielessCount = (int) stored.stream().filter(Event::cookieless).count();
    VisitorCookie.Action cookie = withdrawn || (untracked && requester.cookieVisitor() != null) ? VisitorCookie.CLEAR
        : tracked != null ? new VisitorCookie.Keep(tracked) : VisitorCookie.LEAVE;
    Future<Void> appended = stored.isEmpty() ? Future.succeededFuture() : log.append(stored)
        .onSuccess(v -> {
          rate.accepted(stored.size());
          metrics.eventsAccepted(site.key(), stored.size());
          if (cookielessCount > 0) {
            metrics.counter("leadgate.events.cookieless", "site", site.key()).increment(cookielessCount);
          }
        })
        .onFailure(e -> metrics.eventsRejected("store_unavailable", stored.size()));
    return appended.compose(v -> Future.all(answers))
        .map(v -> new Stored(stored.size() + answers.size(), cookie));
  }

  /** What intake stored (log entries and consent answers) and what the answer does to the visitor cookie. */
  private record Stored(int stored, VisitorCookie.Action cookie) {
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
   * @param gpc           the request carries {@code Sec-GPC: 1}
   * @param dnt           the request carries {@code DNT: 1}
   * @param cookieVisitor the id of the gateway's own visitor cookie ({@link VisitorCookie#read}), or null
   */
  public record Requester(String origin, String userAgent, String ip, boolean authenticated, boolean gpc, boolean dnt,
                          String cookieVisitor) {

    /** A browser (or anything that calls the public intake). */
    public Requester(String origin, String userAgent, String ip, boolean gpc, boolean dnt, String cookieVisitor) {
      this(origin, userAgent, ip, false, gpc, dnt, cookieVisitor);
    }

    /** A server-side source authenticated with a write key of the site its events are for. */
    public static Requester server(String ip) {
      return new Requester(null, null, ip, true, false, false, null);
    }
  }

  /**
   * @param reason   why events were ignored (null when none were)
   * @param rejected events of the batch that broke a rule and were not stored
   * @param site     the site the events are for
   * @param cookie   what the answer does to the gateway's visitor cookie
   */
  public record Outcome(int stored, int ignored, String reason, List<EventBatch.Rejected> rejected, SiteConfig site,
                        VisitorCookie.Action cookie) {
  }
}
