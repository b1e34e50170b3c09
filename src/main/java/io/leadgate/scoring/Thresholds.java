package io.leadgate.scoring;

import java.util.Set;

/**
 * The numbers a scoring step is checked against, passed with each step (so a reload takes effect on the next event).
 *
 * @param mqlScore        total score that makes a lead an MQL
 * @param mqlMinFit       fit score an MQL needs as well, or null
 * @param bant            criteria that must all be known for SQL; empty: no automatic SQL
 * @param halfLifeMs      behaviour half-life, 0 for none
 * @param notifyScore     every score change is written to the outbox ({@code lead.updated}), not only stage changes
 * @param requalifyPoints behaviour points a lead held back by a person must earn after that decision before scoring
 *                        moves it again ({@link Hold})
 */
public record Thresholds(int mqlScore, Integer mqlMinFit, Set<Criterion> bant, long halfLifeMs, boolean notifyScore,
                         int requalifyPoints) {
  public Thresholds {
    bant = Set.copyOf(bant);
  }

  /** Requalification at the MQL threshold, the default. */
  public Thresholds(int mqlScore, Integer mqlMinFit, Set<Criterion> bant, long halfLifeMs, boolean notifyScore) {
    this(mqlScore, mqlMinFit, bant, halfLifeMs, notifyScore, mqlScore);
  }

  public boolean mqlReached(double score, double fit) {
    return Decay.round(score) >= mqlScore && (mqlMinFit == null || fit >= mqlMinFit);
  }

  public boolean bantComplete(Set<Criterion> known) {
    return !bant.isEmpty() && known.containsAll(bant);
  }
}
