package io.leadgate.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.Stores;
import io.leadgate.core.DomainEvent;
import io.leadgate.webhooks.OutboxReader.OutboxEntry;
import io.leadgate.webhooks.WebhookStore.Completion;
import io.leadgate.webhooks.WebhookStore.DeadLetter;
import io.leadgate.webhooks.WebhookStore.FanOut;
import io.leadgate.webhooks.WebhookStore.FanOutOptions;
import io.leadgate.webhooks.WebhookStore.Job;
import io.leadgate.webhooks.WebhookStore.Settled;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What both webhook stores promise (docs/webhooks.md); each adapter runs it. */
abstract class WebhookStoreContract {
  static final String GROUP = WebhookStore.FANOUT_GROUP;
  static final FanOutOptions OPTIONS = new FanOutOptions(1_000, 60_000, 3, "disabled");
  Vertx vertx;
  Stores stores;
  WebhookStore store;
  OutboxReader reader;
  int sequence;

  abstract Stores open(Vertx vertx);

  @BeforeEach
  void openStores() {
    vertx = Vertx.vertx();
    stores = open(vertx);
    store = stores.webhooks();
    reader = stores.outboxReader();
    await(store.prepare(List.of("crm", "erp")));
  }

  @AfterEach
  void close() {
    await(stores.close());
    await(vertx.close());
  }

  static <T> T await(Future<T> future) {
    try {
      return future.await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  DomainEvent append(String lead) {
    DomainEvent event = new DomainEvent("evt" + ++sequence, "lead.created", "demo", lead, sequence, 1_000,
        new JsonObject().put("email", lead + "@acme.com"));
    await(stores.outbox().append(event));
    return event;
  }

  List<OutboxEntry> read(String consumer) {
    return await(reader.read(GROUP, consumer, 100, 0));
  }

  List<Job> take(String endpoint) {
    return await(store.take("c1", List.of(endpoint), 0));
  }

  @Test
  void fanOut_queuesForEachEndpoint_andTheEntryOnce() {
    DomainEvent event = append("lead-a");
    OutboxEntry entry = read("c1").get(0);
    assertEquals(event, entry.event());
    assertEquals(FanOut.DONE, await(store.fanOut(entry, List.of("crm", "erp"), List.of(), OPTIONS)));
    assertEquals(FanOut.ALREADY_DONE, await(store.fanOut(entry, List.of("crm", "erp"), List.of(), OPTIONS)),
        "a claimed copy fanned out again queues nothing");
    assertEquals(1, take("crm").size());
    assertEquals(1, take("erp").size());
    assertEquals(0, await(reader.backlog(GROUP)));
  }

  @Test
  void fanOut_whileAnEarlierEntryOfTheLeadIsWithAnotherConsumer_waits() {
    append("lead-a");
    OutboxEntry first = read("c1").get(0);
    append("lead-a");
    append("lead-b");
    List<OutboxEntry> later = read("c2");
    assertEquals(FanOut.WAIT, await(store.fanOut(later.get(0), List.of("crm"), List.of(), OPTIONS)));
    assertEquals(FanOut.DONE, await(store.fanOut(later.get(1), List.of("crm"), List.of(), OPTIONS)),
        "another lead is not held up");
    assertEquals(FanOut.DONE, await(store.fanOut(first, List.of("crm"), List.of(), OPTIONS)));
    assertEquals(FanOut.DONE, await(store.fanOut(later.get(0), List.of("crm"), List.of(), OPTIONS)));
  }

  @Test
  void onlyTheHeadOfALeadIsReady_theNextMovesUpWhenItIsDelivered() {
    DomainEvent one = append("lead-a");
    DomainEvent two = append("lead-a");
    read("c1").forEach(e -> await(store.fanOut(e, List.of("crm"), List.of(), OPTIONS)));
    List<Job> jobs = take("crm");
    assertEquals(List.of(one.id()), jobs.stream().map(Job::eventId).toList());
    assertEquals(Settled.DONE, await(store.complete(jobs.get(0), Completion.delivered(), 10)));
    Job next = take("crm").get(0);
    assertEquals(two.id(), next.eventId());
    assertEquals(1, next.attempt());
  }

  @Test
  void retry_waitsUntilDue_thenComesBackAsTheNextAttempt_andHoldsUpTheLead() {
    append("lead-a");
    append("lead-a");
    read("c1").forEach(e -> await(store.fanOut(e, List.of("crm"), List.of(), OPTIONS)));
    Job job = take("crm").get(0);
    await(store.complete(job, Completion.retry(5_000, 2), 10));
    assertEquals(0, await(store.promoteDue("crm", 4_999, 10)));
    assertTrue(take("crm").isEmpty(), "the lead's second event waits behind the retry");
    assertEquals(new WebhookStore.Queued(0, 1), await(store.queued("crm")));
    assertEquals(1, await(store.promoteDue("crm", 5_000, 10)));
    Job again = take("crm").get(0);
    assertEquals(job.eventId(), again.eventId());
    assertEquals(2, again.attempt());
  }

  @Test
  void settleTwice_secondIsStale() {
    append("lead-a");
    read("c1").forEach(e -> await(store.fanOut(e, List.of("crm"), List.of(), OPTIONS)));
    Job job = take("crm").get(0);
    sleep(1100);
    List<Job> claimed = await(store.claimStale("c2", "crm", 1000, 10));
    assertEquals(List.of(job.eventId()), claimed.stream().map(Job::eventId).toList());
    assertEquals(Settled.DONE, await(store.complete(claimed.get(0), Completion.delivered(), 10)));
    assertEquals(Settled.STALE, await(store.complete(job, Completion.retry(1, 2), 10)));
    assertEquals(new WebhookStore.Queued(0, 0), await(store.queued("crm")));
  }

  @Test
  void renew_keepsAJobFromBeingClaimed() {
    append("lead-a");
    read("c1").forEach(e -> await(store.fanOut(e, List.of("crm"), List.of(), OPTIONS)));
    Job job = take("crm").get(0);
    sleep(700);
    await(store.renew("c1", List.of(job)));
    sleep(700);
    assertTrue(await(store.claimStale("c2", "crm", 1000, 10)).isEmpty());
  }

  @Test
  void dead_isKeptCapped_andReplayedByIdOrSince() {
    for (int i = 0; i < 5; i++) {
      append("lead-" + i);
    }
    read("c1").forEach(e -> await(store.fanOut(e, List.of("crm"), List.of(), OPTIONS)));
    List<Job> jobs = take("crm");
    assertEquals(5, jobs.size());
    long at = 10_000;
    for (Job job : jobs) {
      await(store.complete(job, Completion.dead(new DeadLetter("crm", job.event(), 1, 400, "refused", at++)), 100));
    }
    List<DeadLetter> dead = await(store.deadLetters("crm", 0, 100));
    assertEquals(5, dead.size());
    assertEquals(400, dead.get(0).status());
    assertEquals(2, await(store.deadLetters("crm", 10_003, 100)).size());
    assertTrue(await(store.replay("crm", dead.get(0).event().id())));
    assertEquals(2, await(store.replayDead("crm", 10_003, 100)));
    assertEquals(3, take("crm").size());
    assertEquals(2, await(store.deadLetters("crm", 0, 100)).size());
    assertFalse(await(store.replay("erp", "no-such-event")));
  }

  @Test
  void deadLettersOverTheCap_theOnesThatDiedFirstAreDropped() {
    for (int i = 0; i < 4; i++) {
      append("lead-a");
    }
    read("c1").forEach(e -> await(store.fanOut(e, List.of("crm"), List.of(), OPTIONS)));
    long at = 10_000;
    for (int i = 0; i < 4; i++) {
      Job head = take("crm").get(0);
      await(store.complete(head, Completion.dead(new DeadLetter("crm", head.event(), 1, 400, "refused", at++)), 2));
    }
    assertEquals(List.of("evt3", "evt4"), await(store.deadLetters("crm", 0, 10)).stream()
        .map(d -> d.event().id()).toList());
  }

  @Test
  void disabledEndpointsDeadLettersOverTheCap_theOnesThatDiedFirstAreDropped() {
    for (int i = 0; i < 4; i++) {
      append("lead-a");
    }
    read("c1").forEach(e -> await(store.fanOut(e, List.of(), List.of("erp"), OPTIONS)));
    assertEquals(List.of("evt2", "evt3", "evt4"), await(store.deadLetters("erp", 0, 10)).stream()
        .map(d -> d.event().id()).toList(), "the cap of OPTIONS is 3");
  }

  @Test
  void retainedMessage_replayableById_toAnyEndpoint() {
    DomainEvent event = append("lead-a");
    read("c1").forEach(e -> await(store.fanOut(e, List.of("crm"), List.of(), OPTIONS)));
    assertTrue(await(store.replay("erp", event.id())), "an event still retained can be sent again");
    assertEquals(event.id(), take("erp").get(0).eventId());
  }

  @Test
  void disabledEndpoint_getsTheEventAsADeadLetter() {
    DomainEvent event = append("lead-a");
    read("c1").forEach(e -> await(store.fanOut(e, List.of("crm"), List.of("erp"), OPTIONS)));
    assertTrue(take("erp").isEmpty());
    assertEquals(event.id(), await(store.deadLetters("erp", 0, 10)).get(0).event().id());
  }

  @Test
  void endpointState_failingSinceStaysUntilASuccess_disableAndEnable() {
    assertEquals(WebhookStore.EndpointState.HEALTHY, await(store.state("crm")));
    assertEquals(100L, await(store.markFailing("crm", 100)));
    assertEquals(100L, await(store.markFailing("crm", 200)));
    await(store.markHealthy("crm"));
    assertEquals(300L, await(store.markFailing("crm", 300)));
    await(store.disable("crm", "gone", 400));
    assertEquals(new WebhookStore.EndpointState("gone", 400, 300), await(store.state("crm")));
    await(store.enable("crm"));
    assertEquals(WebhookStore.EndpointState.HEALTHY, await(store.state("crm")));
  }

  @Test
  void opsEvents_newestFirst() {
    await(store.recordOpsEvent(new JsonObject().put("type", "endpoint.disabled").put("n", 1)));
    await(store.recordOpsEvent(new JsonObject().put("type", "endpoint.disabled").put("n", 2)));
    assertEquals(2, await(store.opsEvents(10)).get(0).getInteger("n"));
  }

  @Test
  void deliveryLog_cappedPerEndpointAndLead() {
    DeliveryLog log = stores.deliveryLog();
    for (int i = 0; i < 5; i++) {
      await(log.record(new DeliveryLog.Attempt(i, i % 2 == 0 ? "crm" : "erp", "evt" + i, "lead.created", "lead-a",
          1, 200, "delivered", 3, null, "ok", 0), 2, 3, 60_000));
    }
    assertEquals(List.of("evt4", "evt2"), await(log.forEndpoint("crm", 10)).stream()
        .map(DeliveryLog.Attempt::eventId).toList());
    assertEquals(List.of("evt4", "evt3", "evt2"), await(log.forLead("lead-a", null, 10)).stream()
        .map(DeliveryLog.Attempt::eventId).toList());
    assertEquals(List.of("evt3"), await(log.forLead("lead-a", "erp", 10)).stream()
        .map(DeliveryLog.Attempt::eventId).toList());
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
