package io.leadgate.scoring;

import io.leadgate.scoring.ScoreState.PointsEntry;
import io.leadgate.identity.LeadChange;
import java.util.List;
import java.util.Map;

/**
 * A change to a lead's scoring state and stage, decided by {@link ScoreStep}; a store writes all of it in one atomic
 * step, or nothing when the lead's {@code seq} or the state's version is no longer what it was read as.
 *
 * @param expectedSeq     the lead's {@code seq} the change was decided from
 * @param expectedVersion the state's version it was decided from; {@code state.version()} is the next one
 * @param state           the scoring state after the change ({@code recent} and {@code horizon} are the store's)
 * @param scoredIds       event id → event time, for the events scored now (the store keeps the newest
 *                        {@link ScoreStore#KEPT_EVENT_IDS}, moving the horizon past the rest)
 * @param points          points entries to add to the explanation log, oldest first
 * @param leadChanges     stage moves (and {@code lead.updated} notices), in order, each with its history entry and
 *                        outbox event; their {@code seq}s follow on from {@code expectedSeq}
 */
public record ScoreChange(String leadId, long expectedSeq, long expectedVersion, ScoreState state,
                          Map<String, Long> scoredIds, List<PointsEntry> points, List<LeadChange> leadChanges) {
  public ScoreChange {
    scoredIds = Map.copyOf(scoredIds);
    points = List.copyOf(points);
    leadChanges = List.copyOf(leadChanges);
  }

  /** The lead's {@code seq} after the change. */
  public long seq() {
    return expectedSeq + leadChanges.size();
  }
}
