package io.leadgate.identity;

import io.leadgate.core.Feature;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Collection;
import java.util.List;

/**
 * Identity's work beside the routes: the one-time search backfill of the leads made before the search indexes
 * ({@link LeadSearchBackfill}), in the background, so the gateway serves meanwhile.
 */
public final class IdentityFeature implements Feature {
  private static final long PAUSE_MS = 20;
  private final LeadStore leads;
  private final LeadSearch search;
  private final List<String> sites;
  private LeadSearchBackfill backfill;

  public IdentityFeature(LeadStore leads, LeadSearch search, Collection<String> sites) {
    this.leads = leads;
    this.search = search;
    this.sites = List.copyOf(sites);
  }

  @Override
  public Future<Void> start(Vertx vertx) {
    backfill = new LeadSearchBackfill(leads, search, () -> vertx.timer(PAUSE_MS).mapEmpty());
    // not awaited: a failure is logged and waits for the next start
    backfill.run(sites);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop(Vertx vertx) {
    if (backfill != null) {
      backfill.stop();
    }
    return Future.succeededFuture();
  }
}
