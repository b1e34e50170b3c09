package io.leadgate.scoring;

import io.leadgate.core.Event;
import io.leadgate.collect.ProjectionListener;
import io.leadgate.identity.VisitorStore.Recorded;
import io.vertx.core.Future;

/** Scores every projected event of a visitor that converted to a lead; idempotent by event id, as the store is. */
public final class ScoringListener implements ProjectionListener {
  private final ScoringService service;

  public ScoringListener(ScoringService service) {
    this.service = service;
  }

  @Override
  public Future<Void> projected(Event event, Recorded recorded) {
    if (recorded.leadId() == null) {
      return Future.succeededFuture();
    }
    return service.score(event, recorded.leadId()).mapEmpty();
  }
}
