package io.leadgate.identity;

import io.leadgate.core.Feature;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.Collection;
import java.util.List;

/**
 * Identity's routes (consents that change after the form: {@link ConsentRoutes}) and its work beside them: the
 * one-time search backfill of the leads made before the search indexes ({@link LeadBackfill#search}), in the
 * background, so the gateway serves meanwhile.
 */
public final class IdentityFeature implements Feature {
  private final LeadStore leads;
  private final LeadSearch search;
  private final List<String> sites;
  private final ConsentRoutes consents;
  private LeadBackfill backfill;

  public IdentityFeature(LeadStore leads, LeadSearch search, Collection<String> sites, ConsentService consents) {
    this.leads = leads;
    this.search = search;
    this.sites = List.copyOf(sites);
    this.consents = new ConsentRoutes(consents);
  }

  @Override
  public void mount(Router router) {
    consents.mount(router);
  }

  @Override
  public Future<Void> start(Vertx vertx) {
    backfill = LeadBackfill.search(leads, search, () -> vertx.timer(LeadBackfill.PAUSE_MS).mapEmpty());
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
