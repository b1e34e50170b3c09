package io.leadgate.scoring;

import io.leadgate.core.InvalidInput;
import io.leadgate.identity.Lead;
import io.vertx.core.json.JsonObject;

/**
 * What a lead list keeps besides its stage: a score range, a first touch, the lead magnet that made the lead and the
 * time it was made. Checked on each lead the list reads from its index, so no filter needs an index (or memory) of
 * its own; a narrow filter answers a short page and a cursor ({@link LeadsService#SCAN_MAX}).
 *
 * @param minScore      at least this score now, or null
 * @param maxScore      at most this score now, or null
 * @param source        first touch source ({@code linkedin}, {@code google}), any case, or null
 * @param medium        first touch medium ({@code cpc}), any case, or null
 * @param campaign      first touch campaign ({@code utm_campaign}), any case, or null
 * @param magnet        the form that made the lead, or null
 * @param createdFrom   made at or after this instant (epoch ms), or null
 * @param createdBefore made before this instant (epoch ms), or null
 */
public record LeadFilter(Double minScore, Double maxScore, String source, String medium, String campaign,
                         String magnet, Long createdFrom, Long createdBefore) {
  public static final LeadFilter NONE = new LeadFilter(null, null, null, null, null, null, null, null);

  public LeadFilter {
    if (minScore != null && maxScore != null && maxScore < minScore) {
      throw InvalidInput.field("max_score", "must be at least min_score (was " + maxScore + " < " + minScore + ")");
    }
    if (createdFrom != null && createdBefore != null && createdBefore <= createdFrom) {
      throw InvalidInput.field("created_to", "must not be before created_from");
    }
  }

  public boolean isEmpty() {
    return equals(NONE);
  }

  /** Whether the lead passes what its hash tells: first touch and when it was made. */
  boolean admits(Lead lead) {
    if ((createdFrom != null && lead.createdAt() < createdFrom)
        || (createdBefore != null && lead.createdAt() >= createdBefore)) {
      return false;
    }
    if (source == null && medium == null && campaign == null) {
      return true;
    }
    JsonObject touch = LeadsService.firstTouch(lead.firstTouch());
    return same(source, touch.getString("source")) && same(medium, touch.getString("medium"))
        && same(campaign, touch.getString("campaign"));
  }

  /** Whether the form that made the lead (null: none known) is the one asked for. */
  boolean admitsMagnet(String madeBy) {
    return magnet == null || magnet.equals(madeBy);
  }

  boolean admitsScore(double score) {
    return (minScore == null || score >= minScore) && (maxScore == null || score <= maxScore);
  }

  private static boolean same(String wanted, String actual) {
    return wanted == null || wanted.equalsIgnoreCase(actual);
  }
}
