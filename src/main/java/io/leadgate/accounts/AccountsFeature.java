package io.leadgate.accounts;

import io.leadgate.collect.ProjectionListener;
import io.leadgate.core.Feature;
import io.leadgate.identity.LeadStore;
import io.leadgate.scoring.ScoreStore;
import io.leadgate.scoring.ScoringService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Accounts (section {@code accounts}; scoring rules in {@code scoring.accounts}): the listener that keeps each lead in
 * its company's account after its events are scored ({@link #after}), the account API, and at start the merge of the
 * configured aliases (repeated at every start: a merge done changes nothing).
 */
public final class AccountsFeature implements Feature {
  private static final Logger LOG = Logger.getLogger(AccountsFeature.class.getName());
  private final AccountsService service;
  private final AccountsRoutes routes;
  private final AccountsConfig config;
  private final Set<String> sites;

  public AccountsFeature(AccountsConfig config, Set<String> sites, AccountDomains domains, AccountStore accounts,
                         LeadStore leads, ScoreStore scores, ScoringService scoring, Clock clock) {
    this.config = config;
    this.sites = Set.copyOf(sites);
    this.service = new AccountsService(accounts, leads, scores, scoring.rules(), domains, clock);
    this.routes = new AccountsRoutes(new AccountPages(accounts, leads, scoring, service, clock), service, this.sites);
  }

  public AccountsService service() {
    return service;
  }

  /**
   * Scoring first, then the lead's account: the account copies the lead's score as scoring wrote it. Idempotent as
   * both are (a refresh of an unchanged lead writes nothing).
   */
  public ProjectionListener after(ProjectionListener scoring) {
    return (event, recorded) -> {
      Future<Void> scored = scoring.projected(event, recorded);
      return recorded.leadId() == null ? scored
          : scored.compose(v -> service.refresh(recorded.leadId(), GroupCall.fields(event))).mapEmpty();
    };
  }

  @Override
  public void mount(Router router) {
    routes.mount(router);
  }

  @Override
  public Future<Void> start(Vertx vertx) {
    List<Future<?>> merges = new ArrayList<>();
    for (String site : sites) {
      for (Map.Entry<String, String> alias : config.aliases().entrySet()) {
        merges.add(service.merge(site, alias.getKey(), alias.getValue(), "config"));
      }
    }
    // a store that does not answer at start must not keep the gateway down: the next start merges
    return Future.join(merges).<Void>mapEmpty().recover(e -> {
      LOG.warning("accounts.aliases: not all merged at start (" + e.getMessage() + "); they are at the next start");
      return Future.succeededFuture();
    });
  }
}
