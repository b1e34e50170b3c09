package io.leadgate.scoring;

import io.leadgate.identity.Lead;
import java.util.Set;

/**
 * A lead and its scoring state as read together, for {@link ScoreStep} to decide from; the change it decides is
 * written only if neither moved on meanwhile (the lead's {@code seq}, the state's {@code version}).
 *
 * @param lead   the lead, or null when there is none
 * @param fields the lead's {@code fields} JSON exactly as stored (what a fit is computed from and checked against)
 * @param state  its scoring state ({@link ScoreState#EMPTY} before the first step; {@code recent} not read)
 * @param scored those of the step's event ids that were scored before
 */
public record ScoreSnapshot(Lead lead, String fields, ScoreState state, Set<String> scored) {
  public ScoreSnapshot {
    scored = Set.copyOf(scored);
  }

  public static ScoreSnapshot noLead() {
    return new ScoreSnapshot(null, "", ScoreState.EMPTY, Set.of());
  }
}
