package io.leadgate.identity;

import io.leadgate.core.DomainEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * One atomic change to a lead, decided in plain Java ({@code identity.LeadChanges}) and applied by the store in
 * one step: the hash, the stage history, the visitor set, the submission marker and the outbox entry together, or
 * nothing at all.
 *
 * @param after                the lead as it is after the change ({@code seq} = {@code expectedSeq + 1})
 * @param expectedSeq          the {@code seq} the change was computed from (0: the lead does not exist yet); the
 *                             store refuses the change when the lead moved on meanwhile
 * @param submissionId         the submission this change applies, or null; a submission is applied once
 * @param submittedBy          the visitor of that submission, remembered with the marker
 * @param submissionTtlSeconds how long the marker is kept
 * @param stageEntry           the stage history entry to append, or null
 * @param visitorMember        {@code site:visitorId} to add to the lead's visitors, or null
 * @param event                the domain event for the outbox
 */
public record LeadChange(Lead after, long expectedSeq, String submissionId, String submittedBy,
                         long submissionTtlSeconds, StageEntry stageEntry, String visitorMember, DomainEvent event) {

  /** Hash fields that a change removes: optional fields the lead no longer has. */
  public List<String> clearedFields() {
    List<String> cleared = new ArrayList<>();
    if (after.disqualifiedReason() == null) {
      cleared.add("disqualified_reason");
    }
    return cleared;
  }

  /**
   * What the store did with a change.
   *
   * @param seq         the lead's {@code seq} now
   * @param submittedBy for {@link Outcome#DUPLICATE}: the visitor the submission was first applied for
   */
  public record Applied(Outcome outcome, long seq, String submittedBy) {
  }

  public enum Outcome {
    /** Written, with its outbox entry. */
    APPLIED,
    /** The submission was applied before: nothing written. */
    DUPLICATE,
    /** The lead changed since it was read: nothing written; read it again and recompute. */
    CONFLICT
  }
}
