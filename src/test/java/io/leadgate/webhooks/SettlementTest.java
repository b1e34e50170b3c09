package io.leadgate.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.core.DomainEvent;
import io.leadgate.webhooks.Settlement.Decision;
import io.leadgate.webhooks.Settlement.Health;
import io.leadgate.webhooks.Settlement.Outcome;
import io.leadgate.webhooks.WebhookSender.Answer;
import io.leadgate.webhooks.WebhookStore.Completion;
import io.leadgate.webhooks.WebhookStore.Job;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an attempt's answer means, decided without Vert.x, Redis or a receiver. */
class SettlementTest {
  static final long NOW = Instant.parse("2026-12-04T10:00:00Z").toEpochMilli();
  static final RetrySchedule THREE_ATTEMPTS = new RetrySchedule(
      List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5)), 0);
  static final DomainEvent EVENT = new DomainEvent("evt1", "lead.created", "demo", "lead-a", 1, NOW - 1000,
      new JsonObject());

  static Job attempt(int n) {
    return new Job("crm", 3, "1-0", EVENT, n);
  }

  static Answer status(int status) {
    return new Answer(status, null, "ok", null, 12);
  }

  static Decision settle(int attempt, Answer answer) {
    return Settlement.answered(attempt(attempt), answer, THREE_ATTEMPTS, NOW, () -> 0.5);
  }

  @Test
  void a2xxAnswer_deliversTheJob_andCountsAsASuccessOfTheEndpoint() {
    Decision decision = settle(1, status(204));
    assertEquals(Completion.delivered(), decision.completion());
    assertEquals(Outcome.DELIVERED, decision.outcome());
    assertFalse(decision.unhealthy());
    assertEquals(Health.SUCCEEDED, decision.health());
  }

  @Test
  void a5xxAnswer_schedulesTheNextAttemptByTheEndpointsSchedule() {
    Decision decision = settle(1, status(503));
    assertEquals(Completion.retry(NOW + 5_000, 2), decision.completion());
    assertEquals(Outcome.RETRYING, decision.outcome());
  }

  @Test
  void a5xxAnswer_isUnhealthy_andAFailureOfTheEndpoint() {
    Decision decision = settle(1, status(500));
    assertTrue(decision.unhealthy());
    assertEquals(Health.FAILED, decision.health());
  }

  @Test
  void aRetryAfterLongerThanTheSchedule_postponesTheNextAttemptToIt() {
    Decision decision = settle(1, new Answer(429, "120", null, null, 3));
    assertEquals(Completion.retry(NOW + 120_000, 2), decision.completion());
  }

  @Test
  void noAnswerAtAll_isRetried_andUnhealthy() {
    Decision decision = settle(2, new Answer(0, null, null, "connection refused", 1));
    assertEquals(Completion.retry(NOW + 300_000, 3), decision.completion());
    assertTrue(decision.unhealthy());
  }

  @Test
  void aFailedLastAttempt_killsTheJob_namingTheAttemptsAndTheLastAnswer() {
    Decision decision = settle(3, status(502));
    assertEquals(Outcome.DEAD, decision.outcome());
    assertEquals(Completion.Kind.DEAD, decision.completion().kind());
    assertEquals("gave up after 3 attempts; last: HTTP 502", decision.completion().dead().reason());
    assertEquals(3, decision.completion().dead().attempts());
    assertEquals(NOW, decision.completion().dead().deadAtMs());
  }

  // regression: a schedule of one attempt gave "gave up after 1 attempts" (the count's plural was fixed)
  @Test
  void aFailedOnlyAttempt_namesOneAttemptInTheSingular() {
    Decision decision = Settlement.answered(attempt(1), status(502), new RetrySchedule(List.of(Duration.ZERO), 0),
        NOW, () -> 0.5);
    assertEquals("gave up after 1 attempt; last: HTTP 502", decision.completion().dead().reason());
  }

  @Test
  void a4xxAnswer_killsTheJobAtOnce_withoutOpeningTheCircuit() {
    Decision decision = settle(1, status(422));
    assertEquals("not retried: HTTP 422", decision.completion().dead().reason());
    assertEquals(422, decision.completion().dead().status());
    assertFalse(decision.unhealthy(), "the receiver is well, it refuses this event");
    assertEquals(Health.FAILED, decision.health());
  }

  /** An answer with an error used to be retried whatever its status; a token endpoint's refusal has both. */
  @Test
  void a4xxAnswerWithAnError_killsTheJobAtOnce_theErrorBeingTheReason() {
    Decision decision = settle(1, new Answer(400, null, null,
        "the token endpoint refused the client credentials: HTTP 400: invalid_client", 12));
    assertEquals("not retried: the token endpoint refused the client credentials: HTTP 400: invalid_client",
        decision.completion().dead().reason());
    assertEquals(400, decision.completion().dead().status());
    assertFalse(decision.unhealthy());
  }

  @Test
  void a5xxAnswerWithAnError_isRetried_andUnhealthy() {
    Decision decision = settle(1, new Answer(503, null, null, "the token endpoint answered HTTP 503", 12));
    assertEquals(Outcome.RETRYING, decision.outcome());
    assertTrue(decision.unhealthy());
  }

  @Test
  void a410Answer_killsTheJob_andDisablesTheEndpoint() {
    Decision decision = settle(1, status(410));
    assertEquals(Outcome.DEAD, decision.outcome());
    assertEquals(Health.GONE, decision.health());
    assertEquals("the receiver answered 410 Gone", decision.disableReason());
    assertEquals("the receiver answered 410 Gone", decision.completion().dead().reason());
  }

  @Test
  void aRedirect_isRetried_becauseRedirectsAreNotFollowed() {
    assertEquals(Outcome.RETRYING, settle(1, status(301)).outcome());
  }

  @Test
  void aJobThatCannotBeSigned_diesAtOnce_evenOnItsFirstAttempt() {
    Answer none = new Answer(0, null, null, "cannot be sent: no secret", 0);
    Decision decision = Settlement.unsendable(attempt(1), none, NOW);
    assertEquals(Outcome.DEAD, decision.outcome());
    assertEquals("not retried: cannot be sent: no secret", decision.completion().dead().reason());
  }

  @Test
  void handingAJobBack_keepsItsAttemptCount() {
    assertEquals(Completion.retry(NOW + 10_000, 4), Settlement.handBack(attempt(4), NOW + 10_000));
  }

  @Test
  void anEndpointFailingForLessThanDisableAfter_staysEnabled() {
    assertNull(Settlement.disableReason(NOW - 59_999, NOW, Duration.ofMinutes(1)));
  }

  @Test
  void anEndpointFailingForDisableAfter_isDisabled_sayingSinceWhen() {
    assertEquals("failing without a single success since 2026-12-04T09:59:00Z (disableAfter 1m)",
        Settlement.disableReason(NOW - 60_000, NOW, Duration.ofMinutes(1)));
  }
}
