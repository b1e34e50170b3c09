package io.leadgate.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.Stores;
import io.leadgate.core.DomainEvent;
import io.leadgate.forms.RateLimitStore;
import io.leadgate.testing.Outboxes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LeadStore} promises, run against the in-memory store and against a real Redis: one lead per
 * email, each submission applied once, every change with its stage history and exactly one outbox entry.
 */
abstract class LeadStoreContract {
  static final String SITE = "acme";
  static final long NOW = 1_700_000_000_000L;
  /** A form's join of a visitor that was never erased: its lift finds no tombstone. */
  static final LeadStore.Lift NOT_ERASED = new LeadStore.Lift("no-tombstone", NOW, NOW);
  private final LeadIds ids = new LeadIds();

  /** A fresh, empty backend for each test. */
  protected abstract Stores stores();

  protected LeadStore leads() {
    return stores().leads();
  }

  static <T> T await(Future<T> future) {
    try {
      return future.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  Conversion conversion(String email, String submission, String visitor) {
    return conversion(email, submission, visitor, Stage.LEAD, new JsonObject().put("name", "Ann"), null);
  }

  Conversion conversion(String email, String submission, String visitor, Stage stage, JsonObject fields, String junk) {
    try {
      return new Conversion(SITE, EmailAddress.parse(email), ids.get(), submission, visitor, "ebook", stage, fields,
          new JsonArray().add(new JsonObject().put("kind", "privacy").put("text", "I agree").put("at", NOW)),
          new JsonObject().put("source", "google / cpc").put("at", NOW - 1000), junk, NOW, 3600);
    } catch (EmailAddress.Invalid e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void findOrCreate_newEmail_createsLeadWithItsFields() {
    LeadStore.Converted converted = await(leads().findOrCreate(conversion("ann@acme.com", "sub-00000001", "visitor-1")));
    Lead lead = await(leads().lead(converted.lead().id())).orElseThrow();
    assertTrue(converted.created());
    assertTrue(LeadIds.isLeadId(lead.id()), lead.id());
    assertEquals("ann@acme.com", lead.email());
    assertEquals(Stage.LEAD, lead.stage());
    assertEquals("Ann", lead.fields().getString("name"));
    assertEquals(1, lead.consents().size());
    assertEquals("google / cpc", lead.firstTouch().getString("source"));
    assertEquals(1, lead.seq());
  }

  @Test
  void findOrCreate_newEmail_writesOneCreatedEventToTheOutbox() {
    Lead lead = await(leads().findOrCreate(conversion("ann@acme.com", "sub-00000001", "visitor-1"))).lead();
    List<DomainEvent> events = Outboxes.of(stores(), lead.id());
    assertEquals(1, events.size());
    assertEquals(LeadChanges.CREATED, events.get(0).type());
    assertEquals(1, events.get(0).seq());
    assertEquals(LeadChanges.eventId(lead.id(), 1), events.get(0).id());
    assertEquals("ann@acme.com", events.get(0).data().getString("email"));
  }

  @Test
  void findOrCreate_sameEmailNewSubmission_updatesTheSameLead() {
    Lead first = await(leads().findOrCreate(conversion("ann@acme.com", "sub-00000001", "visitor-1"))).lead();
    LeadStore.Converted second = await(leads().findOrCreate(conversion("ann@acme.com", "sub-00000002", "visitor-2",
        Stage.LEAD, new JsonObject().put("company", "Acme"), null)));
    Lead lead = await(leads().lead(first.id())).orElseThrow();
    assertEquals(first.id(), second.lead().id());
    assertFalse(second.created());
    assertEquals("Ann", lead.fields().getString("name"));
    assertEquals("Acme", lead.fields().getString("company"));
    assertEquals(2, lead.consents().size());
    assertEquals(List.of(LeadChanges.CREATED, LeadChanges.UPDATED),
        Outboxes.of(stores(), first.id()).stream().map(DomainEvent::type).toList());
  }

  @Test
  void findOrCreate_emailInOtherCase_sameLead() {
    Lead first = await(leads().findOrCreate(conversion("Ann@Acme.com", "sub-00000001", "visitor-1"))).lead();
    Lead second = await(leads().findOrCreate(conversion("ann@ACME.COM", "sub-00000002", "visitor-1"))).lead();
    assertEquals(first.id(), second.id());
  }

  @Test
  void findOrCreate_sameSubmissionTwice_appliesItOnce() {
    Lead first = await(leads().findOrCreate(conversion("ann@acme.com", "sub-00000001", "visitor-1"))).lead();
    LeadStore.Converted retry = await(leads().findOrCreate(conversion("ann@acme.com", "sub-00000001", "visitor-9")));
    assertTrue(retry.duplicate());
    assertEquals(first.id(), retry.lead().id());
    assertEquals("visitor-1", retry.visitorId());
    assertEquals(1, Outboxes.of(stores(), first.id()).size());
    assertEquals(1, await(leads().lead(first.id())).orElseThrow().seq());
  }

  @Test
  void findOrCreate_twentyConcurrentSubmissionsOfOneEmail_oneLead() throws Exception {
    List<Future<LeadStore.Converted>> all = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Conversion conversion = conversion("ann@acme.com", "sub-0000000" + (char) ('a' + i), "visitor-" + i);
      io.vertx.core.Promise<LeadStore.Converted> promise = io.vertx.core.Promise.promise();
      all.add(promise.future());
      threads.add(new Thread(() -> leads().findOrCreate(conversion).onComplete(promise)));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    await(Future.all(all));
    Set<String> leadIds = all.stream().map(f -> f.result().lead().id()).collect(Collectors.toSet());
    assertEquals(1, leadIds.size());
    String leadId = leadIds.iterator().next();
    assertEquals(1, all.stream().filter(f -> f.result().created()).count());
    assertEquals(20, await(leads().lead(leadId)).orElseThrow().seq());
    List<DomainEvent> events = Outboxes.of(stores(), leadId);
    assertEquals(20, events.size());
    assertEquals(1, events.stream().filter(e -> e.type().equals(LeadChanges.CREATED)).count());
  }

  @Test
  void findOrCreate_emailClaimedButLeadNeverWritten_nextSubmissionCreatesItUnderTheClaimedId() {
    String claimed = ids.get();
    await(leads().claimEmail(SITE, "ann@acme.com", claimed));
    LeadStore.Converted converted = await(leads().findOrCreate(conversion("ann@acme.com", "sub-00000001", "visitor-1")));
    assertEquals(claimed, converted.lead().id());
    assertEquals(1, await(leads().lead(claimed)).orElseThrow().seq());
    assertEquals(1, Outboxes.of(stores(), claimed).size());
  }

  @Test
  void findOrCreate_junk_createsDisqualifiedLeadWithItsReason() {
    Lead lead = await(leads().findOrCreate(conversion("ann@gmail.com", "sub-00000001", "visitor-1", Stage.LEAD,
        new JsonObject(), "free email domain gmail.com"))).lead();
    Lead stored = await(leads().lead(lead.id())).orElseThrow();
    assertEquals(Stage.DISQUALIFIED, stored.stage());
    assertEquals("free email domain gmail.com", stored.disqualifiedReason());
    assertEquals(LeadChanges.DISQUALIFIED, Outboxes.of(stores(), lead.id()).get(0).type());
    assertEquals("free email domain gmail.com", await(leads().stages(lead.id())).get(0).reason());
  }

  @Test
  void findOrCreate_newsletterThenMagnet_subscriberBecomesLead() {
    Lead subscriber = await(leads().findOrCreate(conversion("ann@acme.com", "sub-00000001", "visitor-1",
        Stage.SUBSCRIBER, new JsonObject(), null))).lead();
    await(leads().findOrCreate(conversion("ann@acme.com", "sub-00000002", "visitor-1")));
    assertEquals(Stage.LEAD, await(leads().lead(subscriber.id())).orElseThrow().stage());
    assertEquals(List.of(Stage.SUBSCRIBER, Stage.LEAD),
        await(leads().stages(subscriber.id())).stream().map(StageEntry::stage).toList());
  }

  @Test
  void apply_leadChangedSinceRead_conflictAndNothingWritten() {
    Lead lead = await(leads().findOrCreate(conversion("ann@acme.com", "sub-00000001", "visitor-1"))).lead();
    LeadChange stale = LeadChanges.stageChange(lead, Stage.MQL, "score 50", "scoring", NOW).orElseThrow();
    await(leads().setStage(lead.id(), Stage.SQL, "sales accepted", "sales", NOW));
    LeadChange.Applied applied = await(leads().apply(stale));
    assertEquals(LeadChange.Outcome.CONFLICT, applied.outcome());
    assertEquals(Stage.SQL, await(leads().lead(lead.id())).orElseThrow().stage());
    assertEquals(2, Outboxes.of(stores(), lead.id()).size());
  }

  @Test
  void setStage_newStage_recordsHistoryAndOutboxEvent() {
    Lead lead = await(leads().findOrCreate(conversion("ann@acme.com", "sub-00000001", "visitor-1"))).lead();
    Lead moved = await(leads().setStage(lead.id(), Stage.MQL, "score 50", "scoring", NOW + 5)).orElseThrow();
    assertEquals(Stage.MQL, moved.stage());
    StageEntry last = await(leads().stages(lead.id())).get(1);
    assertEquals(new StageEntry(Stage.MQL, Stage.LEAD, NOW + 5, "score 50", "scoring"), last);
    DomainEvent event = Outboxes.of(stores(), lead.id()).get(1);
    assertEquals(LeadChanges.STAGE_CHANGED, event.type());
    assertEquals(2, event.seq());
    assertEquals("lead", event.data().getString("from"));
    assertEquals("mql", event.data().getString("to"));
  }

  @Test
  void setStage_fromDisqualified_forgetsTheReason() {
    Lead lead = await(leads().findOrCreate(conversion("ann@gmail.com", "sub-00000001", "visitor-1", Stage.LEAD,
        new JsonObject(), "free email domain gmail.com"))).lead();
    await(leads().setStage(lead.id(), Stage.LEAD, "marketing requalified", "admin", NOW));
    assertNull(await(leads().lead(lead.id())).orElseThrow().disqualifiedReason());
  }

  @Test
  void setStage_sameStage_writesNothing() {
    Lead lead = await(leads().findOrCreate(conversion("ann@acme.com", "sub-00000001", "visitor-1"))).lead();
    await(leads().setStage(lead.id(), Stage.LEAD, "again", "scoring", NOW));
    assertEquals(1, Outboxes.of(stores(), lead.id()).size());
  }

  @Test
  void setStage_unknownLead_empty() {
    assertEquals(Optional.empty(), await(leads().setStage("ld_aaaaaaaaaaaaaaaaaaaa", Stage.MQL, "x", "scoring", NOW)));
  }

  @Test
  void linkVisitor_visitorPointsAtTheLeadAndIsListed() {
    Lead lead = await(leads().findOrCreate(conversion("ann@acme.com", "sub-00000001", "visitor-1"))).lead();
    await(leads().linkVisitor(lead.id(), SITE, "visitor-1", NOT_ERASED));
    await(leads().linkVisitor(lead.id(), SITE, "visitor-2", NOT_ERASED));
    await(leads().linkVisitor(lead.id(), SITE, "visitor-2", NOT_ERASED));
    assertEquals(List.of(SITE + ":visitor-1", SITE + ":visitor-2"), await(leads().visitors(lead.id())));
    assertEquals(lead.id(), await(stores().visitors().visitor(SITE, "visitor-2")).orElseThrow().leadId());
  }

  @Test
  void leadIdByEmail_claimedEmail_namesItsLead() {
    Lead lead = await(leads().findOrCreate(conversion("ann@acme.com", "sub-00000001", "visitor-1"))).lead();
    assertEquals(Optional.of(lead.id()), await(leads().leadIdByEmail(SITE, "ann@acme.com")));
    assertEquals(Optional.empty(), await(leads().leadIdByEmail(SITE, "bob@acme.com")));
  }

  @Test
  void recordSubmission_completedSubmission_isFoundForItsRetries() {
    await(leads().recordSubmission(SITE, "sub-00000001", new LeadStore.Submitted("ld_x", "visitor-1"), 60));
    assertEquals(Optional.of(new LeadStore.Submitted("ld_x", "visitor-1")),
        await(leads().submission(SITE, "sub-00000001")));
    assertEquals(Optional.empty(), await(leads().submission(SITE, "sub-00000002")));
  }

  @Test
  void rateLimitHit_countsEachHitInTheWindow() {
    RateLimitStore limits = stores().rateLimits();
    await(limits.hit("test", "ip", "a", 60));
    RateLimitStore.Window window = await(limits.hit("test", "ip", "a", 60));
    assertEquals(2, window.count());
    assertTrue(window.resetsInSeconds() > 0 && window.resetsInSeconds() <= 60, "" + window.resetsInSeconds());
    assertEquals(1, await(limits.hit("test", "ip", "b", 60)).count());
  }
}
