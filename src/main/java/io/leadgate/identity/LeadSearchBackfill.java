package io.leadgate.identity;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Indexes for search the leads made before the search indexes existed, once per site: walks every lead of the email
 * index a page at a time, with a pause between pages so that requests keep the store, and marks the site done.
 * Several instances may run it at once: indexing is idempotent. New and changed leads are indexed by the forms.
 */
public final class LeadSearchBackfill {
  private static final Logger LOG = Logger.getLogger(LeadSearchBackfill.class.getName());
  static final int PAGE = 200;
  private final LeadStore leads;
  private final LeadSearch search;
  private final LeadFinder finder;
  private final Supplier<Future<Void>> pause;
  private volatile boolean stopped;

  /** @param pause waits between two pages (a timer), or does not */
  public LeadSearchBackfill(LeadStore leads, LeadSearch search, Supplier<Future<Void>> pause) {
    this.leads = leads;
    this.search = search;
    this.finder = new LeadFinder(leads, search);
    this.pause = pause;
  }

  /** Backfills the sites one after the other; fails with the first failure (the next start tries again). */
  public Future<Void> run(Collection<String> sites) {
    Future<Void> chain = Future.succeededFuture();
    for (String site : List.copyOf(sites)) {
      chain = chain.compose(v -> search.backfilled(site)
          .compose(done -> done ? Future.<Void>succeededFuture() : site(site)));
    }
    return chain.onFailure(e -> LOG.warning("search backfill stopped, it starts again with the gateway: " + e));
  }

  /** Indexes every lead of the site, whether or not it was done before, and marks the site done. */
  public Future<Void> site(String site) {
    return page(site, "0", 0);
  }

  public void stop() {
    stopped = true;
  }

  private Future<Void> page(String site, String cursor, long indexed) {
    if (stopped) {
      return Future.succeededFuture();
    }
    return leads.leadIds(site, cursor, PAGE).compose(page -> {
      List<Future<Void>> writes = page.leadIds().stream().map(id -> leads.lead(id)
          .compose(lead -> lead.isEmpty() ? Future.<Void>succeededFuture() : finder.index(lead.get()))).toList();
      long total = indexed + writes.size();
      return Future.all(writes).compose(v -> {
        if (page.next() == null) {
          LOG.info("search backfill of site " + site + ": " + total + " leads indexed");
          return search.markBackfilled(site);
        }
        return pause.get().compose(p -> page(site, page.next(), total));
      });
    });
  }
}
