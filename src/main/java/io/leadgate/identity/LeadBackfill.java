package io.leadgate.identity;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A one-time pass over the leads made before an index existed, once per site: walks every lead of the email index a
 * page at a time, with a pause between pages so that requests keep the store, does the index's work for each lead
 * and marks the site done. Several instances may run it at once: the work must be idempotent.
 */
public final class LeadBackfill {
  private static final Logger LOG = Logger.getLogger(LeadBackfill.class.getName());
  static final int PAGE = 200;
  /** The pause between two pages, ms. */
  public static final long PAUSE_MS = 20;

  /**
   * One index's part.
   *
   * @param done     whether a site is done
   * @param markDone marks a site done
   * @param lead     the work for one lead (site, lead id)
   */
  public record Work(Function<String, Future<Boolean>> done, Function<String, Future<Void>> markDone,
                     BiFunction<String, String, Future<Void>> lead) {
  }

  private final String name;
  private final LeadStore leads;
  private final Work work;
  private final Supplier<Future<Void>> pause;
  private volatile boolean stopped;

  /**
   * @param name  what it does, for the log ({@code search backfill})
   * @param pause waits between two pages (a timer), or does not
   */
  public LeadBackfill(String name, LeadStore leads, Work work, Supplier<Future<Void>> pause) {
    this.name = name;
    this.leads = leads;
    this.work = work;
    this.pause = pause;
  }

  /** Backfills the sites one after the other; fails with the first failure (the next start tries again). */
  public Future<Void> run(Collection<String> sites) {
    Future<Void> chain = Future.succeededFuture();
    for (String site : List.copyOf(sites)) {
      chain = chain.compose(v -> work.done().apply(site).compose(done -> done ? Future.<Void>succeededFuture() : site(site)));
    }
    return chain.onFailure(e -> LOG.warning(name + " stopped, it starts again with the gateway: " + e));
  }

  /** Does the work for every lead of the site, whether or not it was done before, and marks the site done. */
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
      List<Future<Void>> writes = page.leadIds().stream().map(id -> work.lead().apply(site, id)).toList();
      long total = indexed + writes.size();
      return Future.all(writes).compose(v -> {
        if (page.next() == null) {
          LOG.info(name + " of site " + site + ": " + total + " leads");
          return work.markDone().apply(site);
        }
        return pause.get().compose(p -> page(site, page.next(), total));
      });
    });
  }

  /** The search indexes' backfill: the leads made before them, found by email, domain and words. */
  public static LeadBackfill search(LeadStore leads, LeadSearch search, Supplier<Future<Void>> pause) {
    LeadFinder finder = new LeadFinder(leads, search);
    return new LeadBackfill("search backfill", leads, new Work(search::backfilled, search::markBackfilled,
        (site, leadId) -> leads.lead(leadId)
            .compose(lead -> lead.isEmpty() ? Future.<Void>succeededFuture() : finder.index(lead.get()))), pause);
  }
}
