package io.leadgate.webhooks;

import io.leadgate.core.DomainEvent;
import io.leadgate.ops.Metrics;
import io.leadgate.webhooks.OutboxReader.OutboxEntry;
import io.leadgate.webhooks.WebhookStore.FanOut;
import io.leadgate.webhooks.WebhookStore.FanOutOptions;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the outbox and queues each event for the endpoints whose filter wants it, atomically with the
 * acknowledgement and in each lead's order (the store keeps that order: see {@link FanOut#WAIT}). A disabled
 * endpoint gets the event as a dead letter, to be replayed once it is enabled again.
 */
final class OutboxFanout {
  /** Entries read per shard and round; wh_fanout.lua's look at pending entries assumes a few hundred at most. */
  static final int BATCH = 100;
  static final long READ_WAIT_MS = 2000;

  private final OutboxReader outbox;
  private final WebhookStore store;
  private final List<EndpointHealth> endpoints;
  private final DeliveryConfig settings;
  private final Clock clock;
  private final Metrics metrics;
  private final String consumer;
  private final DispatcherLoop loop;

  OutboxFanout(OutboxReader outbox, WebhookStore store, List<EndpointHealth> endpoints, DeliveryConfig settings,
               Clock clock, Metrics metrics, String consumer, DispatcherLoop loop) {
    this.outbox = outbox;
    this.store = store;
    this.endpoints = List.copyOf(endpoints);
    this.settings = settings;
    this.clock = clock;
    this.metrics = metrics;
    this.consumer = consumer;
    this.loop = loop;
  }

  void run() {
    if (loop.stopped()) {
      return;
    }
    loop.here(outbox.read(WebhookStore.FANOUT_GROUP, consumer, BATCH, READ_WAIT_MS))
        .compose(this::fanOut)
        .onComplete(done -> {
          if (done.failed()) {
            loop.logFailure("reading the outbox", done.cause());
            loop.afterFailure(this::run);
          } else {
            loop.next(this::run);
          }
        });
  }

  /** Takes over outbox entries a silent instance read but never fanned out. */
  Future<Void> claimStale(long claimAfterMs) {
    return loop.here(outbox.claimStale(WebhookStore.FANOUT_GROUP, consumer, claimAfterMs, BATCH))
        .compose(this::fanOut);
  }

  /** Entries of one shard one after the other (a lead's order), the shards side by side. */
  private Future<Void> fanOut(List<OutboxEntry> entries) {
    if (entries.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<Integer, List<OutboxEntry>> byShard = new LinkedHashMap<>();
    entries.forEach(e -> byShard.computeIfAbsent(e.shard(), s -> new ArrayList<>()).add(e));
    List<Future<Void>> shards = new ArrayList<>();
    for (List<OutboxEntry> shard : byShard.values()) {
      Future<Void> chain = Future.succeededFuture();
      for (OutboxEntry entry : shard) {
        chain = chain.compose(v -> fanOutOne(entry, 0));
      }
      shards.add(chain);
    }
    return Future.all(shards).mapEmpty();
  }

  /**
   * Queues one event for the endpoints that want it. When an earlier event of the same lead is still with another
   * instance, it is tried again in the background, so that one slow or dead instance holds up only its own leads.
   */
  private Future<Void> fanOutOne(OutboxEntry entry, int tries) {
    if (loop.stopped()) {
      return Future.succeededFuture();
    }
    List<String> live = new ArrayList<>();
    List<String> disabled = new ArrayList<>();
    DomainEvent event = entry.event();
    if (event != null) {
      List<String> targets = LeadErasure.targets(event);
      for (EndpointHealth endpoint : endpoints) {
        if (targets != null ? targets.contains(endpoint.id()) : endpoint.endpoint().filter().matches(event)) {
          (endpoint.disabled() ? disabled : live).add(endpoint.id());
        }
      }
    }
    FanOutOptions options = new FanOutOptions(clock.millis(), settings.messageRetentionDuration().toMillis(),
        settings.deadMax(), Settlement.DISABLED_REASON);
    return loop.here(store.fanOut(entry, live, disabled, options)).map(result -> {
      if (result == FanOut.WAIT) {
        long pause = Math.min(DispatcherLoop.FAILURE_PAUSE_MS, 10L << Math.min(tries, 7));
        loop.after(pause, () -> fanOutOne(entry, tries + 1)
            .onFailure(e -> loop.logFailure("fanning out " + entry.entryId(), e)));
      } else if (result == FanOut.DONE) {
        live.forEach(id -> metrics.counter("leadgate.webhooks.queued", "endpoint", id).increment());
      }
      return null;
    });
  }
}
