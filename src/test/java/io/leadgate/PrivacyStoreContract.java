package io.leadgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.collect.ErasedVisitors.Tombstone;
import io.leadgate.collect.Projection;
import io.leadgate.core.Event;
import io.leadgate.core.EventType;
import io.leadgate.core.Shards;
import io.leadgate.identity.LeadStore.Lift;
import io.leadgate.identity.VisitorStore.Recording;
import io.leadgate.identity.VisitorStore.Retention;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the privacy ports promise on every store: tombstones, erasure records and leases, the audit log. */
abstract class PrivacyStoreContract {
  static final long T0 = 1_700_000_000_000L;
  static final long DAY = 86_400_000L;

  abstract Stores stores();

  static <T> T await(Future<T> future) {
    try {
      return future.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void erasedVisitors_findNamesOnlyTheTombstonedHashesOfTheShard() {
    await(stores().erasedVisitors().add(7, "aaaa", T0, 400 * DAY));

    assertEquals(Map.of("aaaa", new Tombstone(T0, 0)), await(stores().erasedVisitors().find(7, List.of("aaaa", "bbbb"))));
    assertEquals(Map.of(), await(stores().erasedVisitors().find(8, List.of("aaaa"))));
  }

  @Test
  void erasedVisitors_tombstonesOlderThanTheirKeepAreDroppedOnTheNextAdd() {
    await(stores().erasedVisitors().add(3, "old", T0, 10 * DAY));
    await(stores().erasedVisitors().add(3, "new", T0 + 11 * DAY, 10 * DAY));

    assertEquals(Set.of("new"), await(stores().erasedVisitors().find(3, List.of("old", "new"))).keySet());
  }

  /** Erases the visitor at {@code at}, as the erasure's visitor step does; answers the hash of its tombstone. */
  String erased(String visitor, long at) {
    String hash = "h-" + visitor;
    await(stores().erasedVisitors().add(Shards.of("acme", visitor), hash, at, 400 * DAY));
    return hash;
  }

  Map<String, Tombstone> tombstone(String visitor) {
    return await(stores().erasedVisitors().find(Shards.of("acme", visitor), List.of("h-" + visitor)));
  }

  @Test
  void formJoin_ofAnErasedVisitorIntoALeadMadeAfterTheErasure_liftsItsTombstoneAtTheSubmissionsTime() {
    String hash = erased("visitor-l1", T0);

    await(stores().leads().linkVisitor("ld_new", "acme", "visitor-l1", new Lift(hash, T0 + DAY, T0 + DAY)));

    assertEquals(Map.of(hash, new Tombstone(T0, T0 + DAY)), tombstone("visitor-l1"));
    assertEquals("ld_new", await(stores().visitors().visitor("acme", "visitor-l1")).orElseThrow().leadId());
  }

  @Test
  void formJoin_retriedOrRepeatedLater_keepsTheFirstLiftsTime() {
    String hash = erased("visitor-l2", T0);
    await(stores().leads().linkVisitor("ld_new", "acme", "visitor-l2", new Lift(hash, T0 + DAY, T0 + DAY)));

    await(stores().leads().linkVisitor("ld_new", "acme", "visitor-l2", new Lift(hash, T0 + 2 * DAY, T0 + DAY)));

    assertEquals(Map.of(hash, new Tombstone(T0, T0 + DAY)), tombstone("visitor-l2"));
  }

  @Test
  void formJoin_intoALeadMadeBeforeTheErasure_liftsNothing() {
    // a form sent while the erasure runs reaches the lead being erased (its email is still claimed)
    String hash = erased("visitor-l3", T0);

    await(stores().leads().linkVisitor("ld_old", "acme", "visitor-l3", new Lift(hash, T0 + 1, T0 - DAY)));

    assertEquals(Map.of(hash, new Tombstone(T0, 0)), tombstone("visitor-l3"));
  }

  @Test
  void formJoin_ofAVisitorNeverErased_writesNoTombstone() {
    await(stores().leads().linkVisitor("ld_new", "acme", "visitor-l4", new Lift("h-visitor-l4", T0, T0)));

    assertEquals(Map.of(), tombstone("visitor-l4"));
  }

  @Test
  void formJoin_afterTheVisitorWasErasedAgain_liftsTheNewTombstoneAtTheNewSubmissionsTime() {
    String hash = erased("visitor-l5", T0);
    await(stores().leads().linkVisitor("ld_one", "acme", "visitor-l5", new Lift(hash, T0 + DAY, T0 + DAY)));
    erased("visitor-l5", T0 + 2 * DAY);
    assertEquals(Map.of(hash, new Tombstone(T0 + 2 * DAY, T0 + DAY)), tombstone("visitor-l5"), "the old lift");

    await(stores().leads().linkVisitor("ld_two", "acme", "visitor-l5", new Lift(hash, T0 + 3 * DAY, T0 + 3 * DAY)));

    assertEquals(Map.of(hash, new Tombstone(T0 + 2 * DAY, T0 + 3 * DAY)), tombstone("visitor-l5"));
  }

  @Test
  void identifyJoin_ofAnErasedVisitor_liftsNothing() {
    String hash = erased("visitor-l6", T0);

    await(stores().leads().linkIdentifiedVisitor("ld_any", "acme", "visitor-l6"));

    assertEquals(Map.of(hash, new Tombstone(T0, 0)), tombstone("visitor-l6"));
  }

  @Test
  void visitorErase_removesProfileTimelineAndRecentIds_soTheSameEventIsFreshAgain() {
    Event event = new Event("evt-p0000001", "acme", "visitor-e", null, EventType.PAGEVIEW, "https://acme.com/", null,
        null, null, Map.of(), Map.of(), null, Map.of(), 0, T0, null);
    Recording recording = new Recording(event, Projection.visitorRecord(event), new Retention(3600, 10, 1_800_000));
    await(stores().visitors().record(List.of(recording)));

    await(stores().visitors().erase("acme", "visitor-e"));

    assertTrue(await(stores().visitors().visitor("acme", "visitor-e")).isEmpty());
    assertTrue(await(stores().visitors().timeline("acme", "visitor-e", 10)).isEmpty());
    assertTrue(await(stores().visitors().record(List.of(recording))).get(0).fresh());
  }

  @Test
  void releaseEmail_leavesAClaimThatAnotherLeadHoldsNow() {
    await(stores().leads().claimEmail("acme", "ada@globex.com", "lead-new"));

    await(stores().leads().releaseEmail("acme", "ada@globex.com", "lead-old"));
    assertEquals("lead-new", await(stores().leads().leadIdByEmail("acme", "ada@globex.com")).orElseThrow());
    await(stores().leads().releaseEmail("acme", "ada@globex.com", "lead-new"));
    assertTrue(await(stores().leads().leadIdByEmail("acme", "ada@globex.com")).isEmpty());
  }

  @Test
  void lease_isHeldByOneOwnerAtATime_andItsHolderKeepsIt() {
    assertTrue(await(stores().erasures().lease("erasure:x", "one", 60_000)));

    assertFalse(await(stores().erasures().lease("erasure:x", "two", 60_000)));
    assertTrue(await(stores().erasures().lease("erasure:x", "one", 60_000)));
  }

  @Test
  void erasures_unfinishedListsTheRunningOnes_oldestFirst() {
    await(stores().erasures().save("era_b", new JsonObject().put("requestedAt", T0 + 1), false));
    await(stores().erasures().save("era_a", new JsonObject().put("requestedAt", T0), false));
    await(stores().erasures().save("era_c", new JsonObject().put("requestedAt", T0 + 2), false));
    await(stores().erasures().save("era_c", new JsonObject().put("requestedAt", T0 + 2).put("status", "done"), true));

    assertEquals(List.of("era_a", "era_b"), await(stores().erasures().unfinished(10)));
    assertEquals("done", await(stores().erasures().get("era_c")).orElseThrow().getString("status"));
  }

  @Test
  void emailTombstone_answersWhenThePersonWasErased() {
    await(stores().erasures().tombstone("feedface", T0));

    assertEquals(T0, await(stores().erasures().erasedAt("feedface")).orElseThrow());
    assertTrue(await(stores().erasures().erasedAt("cafebabe")).isEmpty());
  }

  @Test
  void audit_pagesNewestFirst_fromAPosition() {
    for (int i = 0; i < 5; i++) {
      await(stores().audit().append(new JsonObject().put("at", T0 + i).put("who", "api:dpo").put("what", "n" + i)));
    }

    List<JsonObject> first = await(stores().audit().page(null, 2));
    List<JsonObject> next = await(stores().audit().page(first.get(1).getString("position"), 10));

    assertEquals(List.of("n4", "n3"), first.stream().map(e -> e.getString("what")).toList());
    assertEquals(List.of("n2", "n1", "n0"), next.stream().map(e -> e.getString("what")).toList());
  }

  @Test
  void leadDeliveries_ofALeadNeverFannedOut_areEmptyAndErasable() {
    String lead = "ld_" + Shards.COUNT;

    assertEquals(List.of(), await(stores().leadDeliveries().receivers(lead)));
    assertTrue(await(stores().leadDeliveries().held(lead, 3, List.of("crm"))).isEmpty());
    await(stores().leadDeliveries().erase(lead, 3, List.of("crm")));
  }
}
