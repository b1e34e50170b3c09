package io.leadgate.privacy;

import io.leadgate.identity.Lead;
import io.leadgate.identity.LeadStore;
import io.leadgate.identity.Visitor;
import io.leadgate.identity.VisitorStore;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Erases the leads of a site that have shown no activity for {@code sites[].leadRetentionDays}: neither a change of
 * the lead nor an event of one of its visitors. Each instance runs it periodically; a lease per site (held for the
 * sweep's period) lets one instance sweep a site at a time. It walks the site's email index page by page and erases
 * each stale lead as a person's request would ({@code by: retention}).
 */
final class RetentionSweep {
  static final long PERIOD_MS = Duration.ofHours(1).toMillis();
  private static final int PAGE = 200;
  private final Map<String, Integer> retentionDays;
  private final LeadStore leads;
  private final VisitorStore visitors;
  private final ErasureStore store;
  private final PrivacyService service;
  private final Clock clock;
  private final String owner = "instance-" + UUID.randomUUID();

  /** @param retentionDays site key → days (only the sites that set it) */
  RetentionSweep(Map<String, Integer> retentionDays, LeadStore leads, VisitorStore visitors, ErasureStore store,
                 PrivacyService service, Clock clock) {
    this.retentionDays = Map.copyOf(retentionDays);
    this.leads = leads;
    this.visitors = visitors;
    this.store = store;
    this.service = service;
    this.clock = clock;
  }

  /** Sweeps every site this instance gets the lease of; completes with how many erasures it started. */
  Future<Integer> sweep() {
    Future<Integer> total = Future.succeededFuture(0);
    for (Map.Entry<String, Integer> site : retentionDays.entrySet()) {
      total = total.compose(n -> store.lease("retention:" + site.getKey(), owner, PERIOD_MS - 60_000)
          .compose(mine -> mine ? page(site.getKey(), cutoff(site.getValue()), "0", 0) : Future.succeededFuture(0))
          .map(m -> n + m));
    }
    return total;
  }

  private long cutoff(int days) {
    return clock.millis() - Duration.ofDays(days).toMillis();
  }

  private Future<Integer> page(String site, long cutoff, String cursor, int erased) {
    return leads.leadIds(site, cursor, PAGE).compose(page -> {
      Future<Integer> chain = Future.succeededFuture(erased);
      for (String id : page.leadIds()) {
        chain = chain.compose(n -> stale(id, cutoff).compose(lead -> lead.isEmpty() ? Future.succeededFuture(n)
            : service.erase(service.subject(lead.get().email(), null, site), "retention").map(x -> n + 1)));
      }
      return chain.compose(n -> page.next() == null ? Future.succeededFuture(n) : page(site, cutoff, page.next(), n));
    });
  }

  /** The lead, when neither it nor any of its visitors did anything since {@code cutoff}. */
  private Future<Optional<Lead>> stale(String leadId, long cutoff) {
    return leads.lead(leadId).compose(found -> {
      if (found.isEmpty() || found.get().updatedAt() > cutoff) {
        return Future.succeededFuture(Optional.empty());
      }
      return leads.visitors(leadId).compose(members -> {
        List<Future<Optional<Visitor>>> reads = new ArrayList<>();
        for (String member : members) {
          int colon = member.indexOf(':');
          reads.add(visitors.visitor(member.substring(0, colon), member.substring(colon + 1)));
        }
        return Future.all(reads).map(v -> reads.stream().map(Future::result)
            .anyMatch(p -> p.isPresent() && p.get().lastSeen() > cutoff) ? Optional.<Lead>empty() : found);
      });
    });
  }
}
