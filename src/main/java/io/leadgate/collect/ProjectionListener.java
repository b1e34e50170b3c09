package io.leadgate.collect;

import io.leadgate.core.Event;
import io.leadgate.identity.VisitorStore.Recorded;
import io.vertx.core.Future;

/**
 * Told of every event once it is recorded on its visitor (for example, scoring when the visitor is a lead).
 * An entry is acknowledged only after every listener succeeded, so a listener may be told of the same
 * event again after a failure or a crash and must be idempotent by event id.
 */
public interface ProjectionListener {
  Future<Void> projected(Event event, Recorded recorded);
}
