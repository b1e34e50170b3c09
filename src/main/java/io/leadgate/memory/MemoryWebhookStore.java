package io.leadgate.memory;

import io.leadgate.core.DomainEvent;
import io.leadgate.core.Shards;
import io.leadgate.webhooks.LeadErasure;
import io.leadgate.webhooks.OutboxReader.OutboxEntry;
import io.leadgate.webhooks.WebhookStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Webhook deliveries in this process, with the semantics of the Redis store: per-lead queues per endpoint, a ready
 * line whose taken jobs can be claimed after they went silent, retries, dead letters. Every method is atomic (one
 * lock). Leases and the retention of fanned-out events run on real time (as Redis measures idle time and TTLs);
 * retries and dead letters use the times their callers give (the gateway's clock).
 */
final class MemoryWebhookStore implements WebhookStore {
  private final Vertx vertx;
  private final MemoryOutbox outbox;
  final Map<String, Lines> endpoints = new HashMap<>();
  /** Lead id → endpoints its events were queued for ({@code lg:{sNN}:wh:to:LEAD} on Redis); read by erasure. */
  final Map<String, Set<String>> receivers = new HashMap<>();
  private final List<Runnable> waiters = new ArrayList<>();
  final LinkedHashMap<String, Retained> messages = new LinkedHashMap<>();
  private final ArrayDeque<JsonObject> ops = new ArrayDeque<>();
  private long sequence;

  record Token(String entryId, DomainEvent event, int attempt) {
  }

  record Taken(Token token, String consumer, long atMs) {
  }

  record Scheduled(long dueAtMs, DomainEvent event, int attempt) {
  }

  record Retained(DomainEvent event, long expiresAtMs) {
  }

  static final class Lines {
    final Map<String, ArrayDeque<DomainEvent>> leads = new HashMap<>();
    /** One ready line per virtual shard, as on Redis: a take reads the first of each. */
    final List<ArrayDeque<Token>> ready = new ArrayList<>();
    int readyCount;

    Lines() {
      for (int s = 0; s < Shards.COUNT; s++) {
        ready.add(new ArrayDeque<>());
      }
    }
    final LinkedHashMap<String, Taken> taken = new LinkedHashMap<>();
    final List<Scheduled> retries = new ArrayList<>();
    final MemoryDeadLetters dead = new MemoryDeadLetters();
    String disabledReason;
    long disabledAt;
    long failingSince;
  }

  MemoryWebhookStore(Vertx vertx, MemoryOutbox outbox) {
    this.vertx = vertx;
    this.outbox = outbox;
  }

  @Override
  public synchronized Future<Void> prepare(List<String> names) {
    names.forEach(this::lines);
    return Future.succeededFuture();
  }

  @Override
  public Future<FanOut> fanOut(OutboxEntry entry, List<String> live, List<String> disabled, FanOutOptions options) {
    FanOut result;
    synchronized (this) {
      MemoryStream<DomainEvent> stream = outbox.shard(entry.shard());
      if (!stream.isPending(entry.entryId())) {
        return Future.succeededFuture(FanOut.ALREADY_DONE);
      }
      DomainEvent event = entry.event();
      if (event != null && stream.pendingBefore(entry.entryId()).stream()
          .anyMatch(e -> e != null && event.leadId().equals(e.leadId()))) {
        return Future.succeededFuture(FanOut.WAIT);
      }
      stream.ack(List.of(entry.entryId()));
      if (event != null) {
        retain(event, options);
        live.forEach(name -> enqueue(lines(name), event));
        if (!live.isEmpty() && !LeadErasure.TYPE.equals(event.type())) {
          receivers.computeIfAbsent(event.leadId(), k -> new TreeSet<>()).addAll(live);
        }
        for (String name : disabled) {
          lines(name).dead.keep(new DeadLetter(name, event, 0, 0, options.disabledReason(), options.nowMs()),
              options.deadMax());
        }
      }
      result = FanOut.DONE;
    }
    wake();
    return Future.succeededFuture(result);
  }

  @Override
  public Future<List<Job>> take(String consumer, List<String> names, long waitMs) {
    List<Job> jobs = takeNow(consumer, names);
    if (!jobs.isEmpty() || waitMs <= 0) {
      return Future.succeededFuture(jobs);
    }
    Context context = Vertx.currentContext();
    Promise<List<Job>> result = Promise.promise();
    Runnable[] waiter = new Runnable[1];
    long timer = vertx.setTimer(waitMs, t -> {
      synchronized (this) {
        waiters.remove(waiter[0]);
      }
      result.tryComplete(List.of());
    });
    waiter[0] = () -> {
      Runnable finish = () -> {
        vertx.cancelTimer(timer);
        if (!result.future().isComplete()) {
          result.complete(takeNow(consumer, names));
        }
      };
      if (context == null) {
        finish.run();
      } else {
        context.runOnContext(v -> finish.run());
      }
    };
    synchronized (this) {
      if (hasReady(names)) {
        vertx.cancelTimer(timer);
        return Future.succeededFuture(takeNow(consumer, names));
      }
      waiters.add(waiter[0]);
    }
    return result.future();
  }

  @Override
  public synchronized Future<List<Job>> claimStale(String consumer, String endpoint, long minIdleMs, int maxPerShard) {
    long now = MemoryOutboxReader.monotonicMs();
    List<Job> jobs = new ArrayList<>();
    Lines lines = lines(endpoint);
    int[] perShard = new int[Shards.COUNT];
    for (Map.Entry<String, Taken> entry : lines.taken.entrySet()) {
      Taken taken = entry.getValue();
      int shard = shard(taken.token());
      if (taken.atMs() <= now - minIdleMs && perShard[shard]++ < maxPerShard) {
        entry.setValue(new Taken(taken.token(), consumer, now));
        jobs.add(job(endpoint, taken.token()));
      }
    }
    return Future.succeededFuture(jobs);
  }

  @Override
  public synchronized Future<Void> renew(String consumer, List<Job> held) {
    long now = MemoryOutboxReader.monotonicMs();
    for (Job job : held) {
      lines(job.endpoint()).taken.computeIfPresent(job.entryId(), (id, t) -> new Taken(t.token(), consumer, now));
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Settled> complete(Job job, Completion completion, long deadMax) {
    synchronized (this) {
      Lines lines = lines(job.endpoint());
      if (lines.taken.remove(job.entryId()) == null) {
        return Future.succeededFuture(Settled.STALE);
      }
      ArrayDeque<DomainEvent> queue = lines.leads.get(job.leadId());
      if (queue == null || queue.isEmpty() || !queue.peekFirst().id().equals(job.eventId())) {
        return Future.succeededFuture(Settled.STALE);
      }
      if (completion.kind() == Completion.Kind.RETRY) {
        lines.retries.add(new Scheduled(completion.dueAtMs(), queue.peekFirst(), completion.nextAttempt()));
        return Future.succeededFuture(Settled.DONE);
      }
      queue.pollFirst();
      if (completion.kind() == Completion.Kind.DEAD) {
        lines.dead.keep(completion.dead(), deadMax);
      }
      if (queue.isEmpty()) {
        lines.leads.remove(job.leadId());
      } else {
        addReady(lines, queue.peekFirst(), 1);
      }
    }
    wake();
    return Future.succeededFuture(Settled.DONE);
  }

  @Override
  public Future<Integer> promoteDue(String endpoint, long nowMs, int max) {
    int moved = 0;
    synchronized (this) {
      Lines lines = lines(endpoint);
      lines.retries.sort(Comparator.comparingLong(Scheduled::dueAtMs));
      int[] perShard = new int[Shards.COUNT];
      for (Iterator<Scheduled> it = lines.retries.iterator(); it.hasNext(); ) {
        Scheduled retry = it.next();
        if (retry.dueAtMs() > nowMs) {
          break;
        }
        if (perShard[Shards.ofLead(retry.event().leadId())]++ >= max) {
          continue;
        }
        it.remove();
        addReady(lines, retry.event(), retry.attempt());
        moved++;
      }
    }
    if (moved > 0) {
      wake();
    }
    return Future.succeededFuture(moved);
  }

  @Override
  public synchronized Future<List<DeadLetter>> deadLetters(String endpoint, long sinceMs, int max) {
    return Future.succeededFuture(lines(endpoint).dead.since(sinceMs, max));
  }

  @Override
  public Future<Boolean> replay(String endpoint, String eventId) {
    synchronized (this) {
      Lines lines = lines(endpoint);
      DeadLetter letter = lines.dead.remove(eventId);
      Retained retained = messages.get(eventId);
      DomainEvent event = letter != null ? letter.event()
          : retained != null && retained.expiresAtMs() > System.currentTimeMillis() ? retained.event() : null;
      if (event == null) {
        return Future.succeededFuture(false);
      }
      enqueue(lines, event);
    }
    wake();
    return Future.succeededFuture(true);
  }

  @Override
  public Future<Integer> replayDead(String endpoint, long sinceMs, int max) {
    int count = 0;
    synchronized (this) {
      Lines lines = lines(endpoint);
      for (DeadLetter letter : lines.dead.since(sinceMs, max)) {
        lines.dead.remove(letter.event().id());
        enqueue(lines, letter.event());
        count++;
      }
    }
    wake();
    return Future.succeededFuture(count);
  }

  @Override
  public synchronized Future<Queued> queued(String endpoint) {
    Lines lines = lines(endpoint);
    return Future.succeededFuture(new Queued(lines.readyCount + lines.taken.size(), lines.retries.size()));
  }

  @Override
  public synchronized Future<EndpointState> state(String endpoint) {
    Lines lines = lines(endpoint);
    return Future.succeededFuture(new EndpointState(lines.disabledReason, lines.disabledAt, lines.failingSince));
  }

  @Override
  public synchronized Future<Long> markFailing(String endpoint, long nowMs) {
    Lines lines = lines(endpoint);
    if (lines.failingSince == 0) {
      lines.failingSince = nowMs;
    }
    return Future.succeededFuture(lines.failingSince);
  }

  @Override
  public synchronized Future<Void> markHealthy(String endpoint) {
    lines(endpoint).failingSince = 0;
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> disable(String endpoint, String reason, long nowMs) {
    Lines lines = lines(endpoint);
    lines.disabledReason = reason;
    lines.disabledAt = nowMs;
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> enable(String endpoint) {
    Lines lines = lines(endpoint);
    lines.disabledReason = null;
    lines.disabledAt = 0;
    lines.failingSince = 0;
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> recordOpsEvent(JsonObject event) {
    ops.addFirst(event.copy());
    while (ops.size() > OPS_EVENTS_MAX) {
      ops.removeLast();
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<List<JsonObject>> opsEvents(int max) {
    return Future.succeededFuture(ops.stream().limit(max).map(JsonObject::copy).toList());
  }

  private synchronized List<Job> takeNow(String consumer, List<String> names) {
    long now = MemoryOutboxReader.monotonicMs();
    List<Job> jobs = new ArrayList<>();
    for (String name : names) {
      Lines lines = lines(name);
      for (ArrayDeque<Token> line : lines.ready) {
        Token token = line.poll();
        if (token != null) {
          lines.readyCount--;
          lines.taken.put(token.entryId(), new Taken(token, consumer, now));
          jobs.add(job(name, token));
        }
      }
    }
    return jobs;
  }

  private boolean hasReady(List<String> names) {
    return names.stream().anyMatch(name -> lines(name).readyCount > 0);
  }

  private void wake() {
    List<Runnable> woken;
    synchronized (this) {
      woken = new ArrayList<>(waiters);
      waiters.clear();
    }
    woken.forEach(Runnable::run);
  }

  private Lines lines(String endpoint) {
    return endpoints.computeIfAbsent(endpoint, e -> new Lines());
  }

  private void enqueue(Lines lines, DomainEvent event) {
    ArrayDeque<DomainEvent> queue = lines.leads.computeIfAbsent(event.leadId(), l -> new ArrayDeque<>());
    queue.addLast(event);
    if (queue.size() == 1) {
      addReady(lines, event, 1);
    }
  }

  private void addReady(Lines lines, DomainEvent event, int attempt) {
    String id = ++sequence + "-0";
    lines.ready.get(Shards.ofLead(event.leadId())).add(new Token(id, event, attempt));
    lines.readyCount++;
  }


  /** Kept for {@code retainMs} of real time, as Redis expires the archived copy. */
  private void retain(DomainEvent event, FanOutOptions options) {
    long now = System.currentTimeMillis();
    for (Iterator<Retained> it = messages.values().iterator(); it.hasNext(); ) {
      if (it.next().expiresAtMs() > now) {
        break;
      }
      it.remove();
    }
    if (options.retainMs() > 0) {
      messages.put(event.id(), new Retained(event, now + options.retainMs()));
    }
  }

  private static Job job(String endpoint, Token token) {
    return new Job(endpoint, shard(token), token.entryId(), token.event(), token.attempt());
  }

  private static int shard(Token token) {
    return Shards.ofLead(token.event().leadId());
  }
}
