package io.leadgate.scoring;

import io.leadgate.config.Check;

/**
 * When a lead becomes marketing qualified ({@code scoring.mql}).
 *
 * @param score  the total score (fit plus decayed behaviour) at or above which it does; default 50
 * @param minFit the fit score it needs as well; null: any
 */
public record MqlConfig(Integer score, Integer minFit) {
  public MqlConfig {
    score = score == null ? 50 : score;
    Check.range(score, 1, 1_000_000, "score");
    if (minFit != null) {
      Check.range(minFit, -1_000_000, 1_000_000, "minFit");
    }
  }

  public static MqlConfig defaults() {
    return new MqlConfig(null, null);
  }
}
