package io.leadgate.collect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.collect.ErasedVisitors.Tombstone;
import io.leadgate.core.Event;
import io.leadgate.core.EventType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which events of a tombstoned visitor are projected: the rule of docs/privacy.md, "Tombstones". */
class ErasedVisitorFilterTest {
  static final long ERASED = 1_700_000_000_000L;
  static final long LIFTED = ERASED + 86_400_000L;

  static Event event(EventType type, long clientTs, long receivedAt) {
    return new Event("e-1", "acme", "visitor-1", null, type, "https://acme.com/", null, null, null, Map.of(), Map.of(),
        null, Map.of(), clientTs, receivedAt, null);
  }

  static Event pageview(long clientTs, long receivedAt) {
    return event(EventType.PAGEVIEW, clientTs, receivedAt);
  }

  @Test
  void keeps_aTombstoneNeverLifted_dropsEveryEventIncludingAForm() {
    Tombstone tombstone = new Tombstone(ERASED, 0);

    assertFalse(ErasedVisitorFilter.keeps(tombstone, pageview(LIFTED, LIFTED)));
    assertFalse(ErasedVisitorFilter.keeps(tombstone, event(EventType.FORM, 0, LIFTED)));
  }

  @Test
  void keeps_aLiftedTombstone_keepsThePageViewsMadeAndReceivedAfterTheLift() {
    assertTrue(ErasedVisitorFilter.keeps(new Tombstone(ERASED, LIFTED), pageview(LIFTED + 1, LIFTED + 5)));
  }

  @Test
  void keeps_aLiftedTombstone_keepsTheSubmissionsOwnFormEvent() {
    assertTrue(ErasedVisitorFilter.keeps(new Tombstone(ERASED, LIFTED), event(EventType.FORM, 0, LIFTED)));
  }

  @Test
  void keeps_aLiftedTombstone_keepsEventsWithoutTheBrowsersTimeReceivedAfterTheLift() {
    assertTrue(ErasedVisitorFilter.keeps(new Tombstone(ERASED, LIFTED), event(EventType.DOWNLOAD, 0, LIFTED + 1)));
  }

  @Test
  void keeps_anEventQueuedInTheBrowserBeforeTheErasure_isDroppedEvenWhenRetriedAfterTheLift() {
    assertFalse(ErasedVisitorFilter.keeps(new Tombstone(ERASED, LIFTED), pageview(ERASED - 1, LIFTED + 60_000)));
  }

  @Test
  void keeps_anEventReceivedBeforeTheLift_isDroppedWhenProjectedAfterIt() {
    // projection lags intake: an event of the erased visitor received before its new submission still waits
    assertFalse(ErasedVisitorFilter.keeps(new Tombstone(ERASED, LIFTED), pageview(LIFTED - 1, LIFTED - 1)));
  }

  @Test
  void keeps_anEventReceivedBeforeTheErasure_isDroppedWhenProjectedAfterTheLift() {
    assertFalse(ErasedVisitorFilter.keeps(new Tombstone(ERASED, LIFTED), event(EventType.FORM, 0, ERASED - 1)));
  }

  @Test
  void keeps_aLiftOlderThanTheTombstone_belongsToAnEarlierErasureAndKeepsNothing() {
    long erasedAgain = LIFTED + 86_400_000L;

    assertFalse(ErasedVisitorFilter.keeps(new Tombstone(erasedAgain, LIFTED), pageview(erasedAgain + 1, erasedAgain + 1)));
  }
}
