package io.leadgate.webhooks;

import io.leadgate.webhooks.WebhookStore.Job;
import io.leadgate.webhooks.WebhookStore.Settled;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes ready jobs from the store for the endpoints whose lanes have room, and hands each to its lane. When every
 * lane is full (busy, disabled, or its circuit open) it waits until one frees a slot, or a short while.
 */
final class SendLoop {
  static final long TAKE_WAIT_MS = 500;
  static final long CAPACITY_POLL_MS = 100;

  private final WebhookStore store;
  private final String consumer;
  private final DispatcherLoop loop;
  private final Map<String, SendLane> lanes = new LinkedHashMap<>();
  private Promise<Void> capacity;

  SendLoop(WebhookStore store, String consumer, DispatcherLoop loop) {
    this.store = store;
    this.consumer = consumer;
    this.loop = loop;
  }

  void add(SendLane lane) {
    lanes.put(lane.health().id(), lane);
  }

  Collection<SendLane> lanes() {
    return lanes.values();
  }

  void run() {
    if (loop.stopped()) {
      return;
    }
    List<String> open = new ArrayList<>();
    for (SendLane lane : lanes.values()) {
      if (lane.free() > 0) {
        open.add(lane.health().id());
      }
    }
    if (open.isEmpty()) {
      awaitCapacity();
      return;
    }
    loop.here(store.take(consumer, open, TAKE_WAIT_MS)).onComplete(done -> {
      if (done.failed()) {
        loop.logFailure("taking webhook jobs", done.cause());
        loop.afterFailure(this::run);
        return;
      }
      done.result().forEach(this::accept);
      loop.next(this::run);
    });
  }

  /** Hands a job (taken, or claimed from a silent instance) to its endpoint's lane. */
  void accept(Job job) {
    SendLane lane = lanes.get(job.endpoint());
    if (lane != null) {
      lane.accept(job);
    }
  }

  /** A lane has room again: the loop, if it waits for room, goes on at once. */
  void signalCapacity() {
    if (capacity != null) {
      capacity.tryComplete();
    }
  }

  /** Stops waiting and gives back every job no lane has started. */
  List<Future<Settled>> stop() {
    signalCapacity();
    List<Future<Settled>> handedBack = new ArrayList<>();
    lanes.values().forEach(lane -> handedBack.addAll(lane.handBackWaiting()));
    return handedBack;
  }

  boolean drained() {
    return lanes.values().stream().allMatch(lane -> lane.inFlight() == 0);
  }

  private void awaitCapacity() {
    capacity = Promise.promise();
    long timer = loop.after(CAPACITY_POLL_MS, capacity::tryComplete);
    capacity.future().onComplete(v -> {
      loop.cancel(timer);
      capacity = null;
      loop.next(this::run);
    });
  }
}
