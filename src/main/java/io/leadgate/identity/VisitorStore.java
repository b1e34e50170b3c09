package io.leadgate.identity;

import io.leadgate.core.Event;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/** Anonymous visitors: profile, recent event ids (for de-duplication) and a capped timeline. */
public interface VisitorStore {

  /**
   * Records events on their visitors, each at most once per event id. The events of one visitor are applied in
   * the order given (sessions depend on it); events of different visitors are independent. Redis writes the
   * events of one key shard in one atomic script step, so a failed call may have recorded some shards and not
   * others: calling again with the same events is safe, the ones already recorded answer {@code fresh = false}.
   *
   * @return one {@link Recorded} per event, in the order given
   */
  Future<List<Recorded>> record(List<Recording> events);

  Future<Optional<Visitor>> visitor(String site, String visitorId);

  /** Erasure: deletes the visitor's profile, timeline and recent event ids (one shard). Idempotent. */
  Future<Void> erase(String site, String visitorId);

  /** The newest {@code max} timeline entries, newest first. */
  Future<List<JsonObject>> timeline(String site, String visitorId, int max);

  /**
   * What the visitor profile takes from one event beyond the event itself: the timeline entry, the touch, the
   * profile counter to bump. Built once, in plain Java, so both stores apply the same rule.
   *
   * @param touch    the touch's fields in the order of {@code touchJson} (a store may keep them in its own form)
   * @param touchKey the same for events from the same source ({@link io.leadgate.collect.Source#key}): a
   *                 non-direct event becomes the last touch when it starts a visit or its source differs
   */
  record VisitorRecord(String counter, String timelineEntry, String touchJson, java.util.Map<String, Object> touch,
      boolean direct, String touchKey) {
  }

  /**
   * One event to record on its visitor.
   *
   * @param retention how long the visitor is kept after this event, and how long its timeline may grow
   */
  record Recording(Event event, VisitorRecord record, Retention retention) {
  }

  /** Bounds that keep a visitor's memory finite. */
  record Retention(long ttlSeconds, int timelineMax, long sessionGapMs) {
  }

  /**
   * @param fresh      false when the event id was seen before (nothing was written)
   * @param newSession the event started a session (first event, or after the inactivity gap)
   * @param leadId     the lead this visitor converted to, or null
   */
  record Recorded(boolean fresh, boolean newSession, String leadId) {
  }
}
