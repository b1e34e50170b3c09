package io.leadgate.webhooks;

import io.leadgate.core.DomainEvent;
import io.leadgate.webhooks.OutboxReader.OutboxEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Webhook deliveries between the outbox and the receivers (docs/webhooks.md has the whole picture).
 *
 * <p>Each endpoint keeps, per lead, a first-in first-out queue of the events it still has to receive. Only the head
 * of a lead's queue is ever on its way: as a {@link Job} in the endpoint's ready line (read through a consumer
 * group, so every instance takes a share and a job whose instance died is claimed by another), or waiting for its
 * retry time. A lead's later event therefore never overtakes an earlier one, and a retrying lead holds up no other.
 * Completing the head moves the next event of that lead into the ready line, in the same atomic step.
 */
public interface WebhookStore {
  /** The consumer group on the outbox streams that fans events out to endpoints. */
  String FANOUT_GROUP = "webhooks";

  /** Operational events kept (about as many on Redis, where the stream is trimmed with {@code MAXLEN ~}). */
  int OPS_EVENTS_MAX = 1000;

  /** Creates what reading needs (consumer groups); safe to repeat, and repeated by readers when it went missing. */
  Future<Void> prepare(List<String> endpoints);

  /**
   * Acknowledges the outbox entry in {@link #FANOUT_GROUP} and queues its event for the given endpoints, atomically.
   *
   * @param live      endpoints that want the event
   * @param disabled  disabled endpoints that want it: it goes straight to their dead letters, for a replay later
   * @return {@link FanOut#DONE}; {@link FanOut#ALREADY_DONE} when another instance had acknowledged it (nothing was
   *     queued); {@link FanOut#WAIT} when an earlier entry of the same lead is still being fanned out elsewhere
   */
  Future<FanOut> fanOut(OutboxEntry entry, List<String> live, List<String> disabled, FanOutOptions options);

  /**
   * Takes jobs from the ready lines of the endpoints for {@code consumer}: at most one per endpoint and virtual
   * shard, waiting up to {@code waitMs} when none is ready.
   */
  Future<List<Job>> take(String consumer, List<String> endpoints, long waitMs);

  /** Takes over jobs of {@code endpoint} that another consumer took more than {@code minIdleMs} ago and went silent. */
  Future<List<Job>> claimStale(String consumer, String endpoint, long minIdleMs, int maxPerShard);

  /** Tells the store the consumer is still working on these jobs, so nobody claims them. */
  Future<Void> renew(String consumer, List<Job> held);

  /** Settles the attempt on a job (see {@link Completion}); {@link Settled#STALE} when another consumer settled it. */
  Future<Settled> complete(Job job, Completion completion, long deadMax);

  /** Moves retries of {@code endpoint} that are due at {@code nowMs} back into its ready line; completes with how many. */
  Future<Integer> promoteDue(String endpoint, long nowMs, int max);

  /** Dead letters that died at or after {@code sinceMs}, oldest first. */
  Future<List<DeadLetter>> deadLetters(String endpoint, long sinceMs, int max);

  /**
   * Queues one event again for the endpoint: a dead letter, or else a fanned-out event still retained.
   *
   * @return false when the store knows no such event
   */
  Future<Boolean> replay(String endpoint, String eventId);

  /** Queues again every dead letter that died at or after {@code sinceMs} (at most {@code max}); completes with the count. */
  Future<Integer> replayDead(String endpoint, long sinceMs, int max);

  /** Jobs of the endpoint waiting: ready (or in flight) and scheduled for a retry. */
  Future<Queued> queued(String endpoint);

  Future<EndpointState> state(String endpoint);

  /** Records a failed attempt: completes with when the endpoint's current run of failures began. */
  Future<Long> markFailing(String endpoint, long nowMs);

  /** A success ends the endpoint's run of failures. */
  Future<Void> markHealthy(String endpoint);

  Future<Void> disable(String endpoint, String reason, long nowMs);

  Future<Void> enable(String endpoint);

  /** Appends to the operational event log ({@code endpoint.disabled}...), capped at {@link #OPS_EVENTS_MAX}. */
  Future<Void> recordOpsEvent(JsonObject event);

  /** The newest operational events, newest first. */
  Future<List<JsonObject>> opsEvents(int max);

  enum FanOut { DONE, ALREADY_DONE, WAIT }

  enum Settled { DONE, STALE }

  /**
   * @param nowMs          the time, for dead letters
   * @param retainMs       keep the event this long for replay by id (0: not at all)
   * @param deadMax        dead letters kept per endpoint and shard
   * @param disabledReason the reason the dead letters of disabled endpoints give
   */
  record FanOutOptions(long nowMs, long retainMs, long deadMax, String disabledReason) {
  }

  /**
   * One delivery on its way: the event at the head of its lead's queue for the endpoint.
   *
   * @param shard   the lead's virtual shard
   * @param entryId where the job sits in the endpoint's ready line
   * @param attempt 1 for the first attempt
   */
  record Job(String endpoint, int shard, String entryId, DomainEvent event, int attempt) {
    public String eventId() {
      return event.id();
    }

    public String leadId() {
      return event.leadId();
    }
  }

  /**
   * What became of an attempt: delivered, to be tried again at {@code dueAtMs} (as attempt {@code nextAttempt}), or
   * dead (the lead's next event moves up either way but for a retry).
   */
  record Completion(Kind kind, long dueAtMs, int nextAttempt, DeadLetter dead) {
    public enum Kind { DELIVERED, RETRY, DEAD }

    public static Completion delivered() {
      return new Completion(Kind.DELIVERED, 0, 0, null);
    }

    public static Completion retry(long dueAtMs, int nextAttempt) {
      return new Completion(Kind.RETRY, dueAtMs, nextAttempt, null);
    }

    public static Completion dead(DeadLetter letter) {
      return new Completion(Kind.DEAD, 0, 0, letter);
    }
  }

  /** An event an endpoint did not take, kept for a replay. */
  record DeadLetter(String endpoint, DomainEvent event, int attempts, int status, String reason, long deadAtMs) {
  }

  record Queued(long ready, long retrying) {
  }

  /**
   * @param disabledReason why the endpoint is disabled, or null when it is enabled
   * @param failingSinceMs when its current run of failures began, or 0
   */
  record EndpointState(String disabledReason, long disabledAtMs, long failingSinceMs) {
    public static final EndpointState HEALTHY = new EndpointState(null, 0, 0);

    public boolean disabled() {
      return disabledReason != null;
    }
  }
}
