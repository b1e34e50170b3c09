package io.leadgate.privacy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Runs erasures step by step, saving the progress after each, under a lease so that one instance at a time runs a
 * given erasure. One interrupted by a crash or a store outage is taken up again by {@link #resume} (every instance
 * calls it periodically): the step that was running runs again (steps are idempotent), then the rest.
 */
final class ErasureRunner {
  private static final Logger LOG = Logger.getLogger(ErasureRunner.class.getName());
  /** Longer than any step takes; a crashed instance's erasure is taken over once it has passed. */
  static final long LEASE_MS = 60_000;

  private final ErasureStore store;
  private final ErasureSteps steps;
  private final AuditLog audit;
  private final Clock clock;
  private final String owner = "instance-" + UUID.randomUUID();

  ErasureRunner(ErasureStore store, ErasureSteps steps, AuditLog audit, Clock clock) {
    this.store = store;
    this.steps = steps;
    this.audit = audit;
    this.clock = clock;
  }

  /** Runs the erasure's remaining steps unless another instance holds it; completes when done or given up. */
  Future<Void> run(String id) {
    return store.lease("erasure:" + id, owner, LEASE_MS).compose(mine -> !mine ? Future.succeededFuture()
        : store.get(id).compose(found -> found.isEmpty() || "done".equals(found.get().getString("status"))
            ? Future.succeededFuture() : from(id, found.get())));
  }

  /** Takes up unfinished erasures (of this instance or of one that stopped), oldest first. */
  Future<Void> resume() {
    return store.unfinished(20).compose(ids -> {
      Future<Void> chain = Future.succeededFuture();
      for (String id : ids) {
        chain = chain.compose(v -> run(id).recover(e -> {
          LOG.warning("erasure " + id + " stopped (taken up again later): " + e.getMessage());
          return Future.succeededFuture();
        }));
      }
      return chain;
    });
  }

  private Future<Void> from(String id, JsonObject erasure) {
    JsonArray plan = erasure.getJsonArray("steps", new JsonArray());
    int next = erasure.getInteger("next", 0);
    if (next >= plan.size()) {
      return finish(id, erasure);
    }
    return steps.run(plan.getJsonObject(next))
        .compose(v -> {
          erasure.put("next", next + 1).put("updatedAt", clock.millis());
          return store.save(id, erasure, false);
        })
        .compose(v -> store.lease("erasure:" + id, owner, LEASE_MS))
        .compose(mine -> mine ? from(id, erasure) : Future.succeededFuture());
  }

  /** Done: the record keeps what was done and when, not the arguments (emails, visitor ids) of its steps. */
  private Future<Void> finish(String id, JsonObject erasure) {
    JsonArray done = new JsonArray();
    erasure.getJsonArray("steps", new JsonArray()).forEach(s -> done.add(((JsonObject) s).getString("op")));
    long now = clock.millis();
    erasure.put("steps", done).put("status", "done").put("completedAt", now).put("updatedAt", now);
    return store.save(id, erasure, true)
        .compose(v -> audit.append(new JsonObject().put("at", now).put("who", "gateway").put("action", "erase")
            .put("what", "erasure completed").put("subject", id)));
  }
}
