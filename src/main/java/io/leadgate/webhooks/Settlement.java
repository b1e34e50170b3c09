package io.leadgate.webhooks;

import io.leadgate.config.Durations;
import io.leadgate.webhooks.WebhookStore.Completion;
import io.leadgate.webhooks.WebhookStore.DeadLetter;
import io.leadgate.webhooks.WebhookStore.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.function.DoubleSupplier;

/**
 * What one attempt's answer means: for the job (delivered, tried again later, or dead), for the endpoint's circuit
 * (a healthy or an unhealthy answer) and for the endpoint's health (a success, a failure, or gone for good). Pure
 * policy: the answer, the time and the randomness come in as arguments; the caller applies the decision.
 */
public final class Settlement {
  static final String GONE_REASON = "the receiver answered 410 Gone";
  /** What the dead letter of an event says that came while its endpoint was disabled (it was never attempted). */
  static final String DISABLED_REASON = "the endpoint was disabled when the event happened";

  private Settlement() {
  }

  /** What the job's attempt came to, as the delivery log and the metrics name it. */
  public enum Outcome {
    DELIVERED("delivered"), RETRYING("retrying"), DEAD("dead");

    private final String label;

    Outcome(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** What the answer says about the endpoint as a whole. */
  public enum Health { SUCCEEDED, FAILED, GONE }

  /**
   * @param completion what the store is to do with the job
   * @param unhealthy  whether the answer counts towards opening the endpoint's circuit
   * @param disableReason why the endpoint is to be disabled when {@code health} is {@link Health#GONE}, else null
   */
  public record Decision(Completion completion, Outcome outcome, boolean unhealthy, Health health,
                         String disableReason) {
  }

  /**
   * Settles an attempt the receiver answered (or did not: status 0, {@code answer.error()} says why). An answer is
   * judged by its status alone; an error beside a status only explains it (a token endpoint's refusal).
   */
  public static Decision answered(Job job, WebhookSender.Answer answer, RetrySchedule schedule, long nowMs,
                                  DoubleSupplier random) {
    return settle(job, answer, Verdict.of(answer.status()), schedule, nowMs, random);
  }

  /**
   * Settles a job that could not even be sent (its payload or signature failed; {@code answer} says why): dead at
   * once, never retried.
   */
  public static Decision unsendable(Job job, WebhookSender.Answer answer, long nowMs) {
    return settle(job, answer, Verdict.FAIL_FAST, null, nowMs, null);
  }

  private static Decision settle(Job job, WebhookSender.Answer answer, Verdict verdict, RetrySchedule schedule,
                                 long nowMs, DoubleSupplier random) {
    boolean unhealthy = Verdict.unhealthy(answer.status());
    return switch (verdict) {
      case DELIVERED -> new Decision(Completion.delivered(), Outcome.DELIVERED, unhealthy, Health.SUCCEEDED, null);
      case RETRY -> retryOrGiveUp(job, answer, schedule, nowMs, random, unhealthy);
      case FAIL_FAST -> dead(job, answer, "not retried: " + summary(answer), nowMs, unhealthy, Health.FAILED);
      case GONE -> dead(job, answer, GONE_REASON, nowMs, unhealthy, Health.GONE);
    };
  }

  /**
   * Puts a job this instance will not send now back in line for {@code dueAtMs}: not an attempt, so its count
   * stays (an open circuit, a disabled endpoint, a shutdown).
   */
  public static Completion handBack(Job job, long dueAtMs) {
    return Completion.retry(dueAtMs, job.attempt());
  }

  /**
   * Why an endpoint that has failed without a single success since {@code failingSinceMs} is to be disabled, or
   * null while it has not failed for {@code disableAfter} yet.
   */
  public static String disableReason(long failingSinceMs, long nowMs, Duration disableAfter) {
    if (nowMs - failingSinceMs < disableAfter.toMillis()) {
      return null;
    }
    return "failing without a single success since " + Instant.ofEpochMilli(failingSinceMs)
        + " (disableAfter " + Durations.format(disableAfter) + ")";
  }

  private static Decision retryOrGiveUp(Job job, WebhookSender.Answer answer, RetrySchedule schedule, long nowMs,
                                        DoubleSupplier random, boolean unhealthy) {
    OptionalLong next = schedule.nextAttemptAt(job.attempt(), nowMs,
        RetrySchedule.parseRetryAfter(answer.retryAfter(), nowMs), random);
    if (next.isPresent()) {
      return new Decision(Completion.retry(next.getAsLong(), job.attempt() + 1), Outcome.RETRYING, unhealthy,
          Health.FAILED, null);
    }
    return dead(job, answer, "gave up after " + attempts(job.attempt()) + "; last: " + summary(answer), nowMs,
        unhealthy, Health.FAILED);
  }

  private static Decision dead(Job job, WebhookSender.Answer answer, String why, long nowMs, boolean unhealthy,
                               Health health) {
    DeadLetter letter = new DeadLetter(job.endpoint(), job.event(), job.attempt(), answer.status(), why, nowMs);
    return new Decision(Completion.dead(letter), Outcome.DEAD, unhealthy, health,
        health == Health.GONE ? GONE_REASON : null);
  }

  private static String attempts(int n) {
    return n == 1 ? "1 attempt" : n + " attempts";
  }

  private static String summary(WebhookSender.Answer answer) {
    return answer.error() != null ? answer.error() : "HTTP " + answer.status();
  }
}
