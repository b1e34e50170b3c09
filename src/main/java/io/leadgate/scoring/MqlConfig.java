package io.leadgate.scoring;

import io.leadgate.config.Check;

/**
 * When a lead becomes marketing qualified ({@code scoring.mql}).
 *
 * @param score           the total score (fit plus decayed behaviour) at or above which it does; default 50
 * @param minFit          the fit score it needs as well; null: any
 * @param requalifyPoints after a person sent the lead back (or out of disqualified), the behaviour points it must
 *                        earn from then on before scoring moves it again (see {@link Hold}); default {@code score}
 */
public record MqlConfig(Integer score, Integer minFit, Integer requalifyPoints) {
  public MqlConfig {
    score = score == null ? 50 : score;
    Check.range(score, 1, 1_000_000, "score");
    if (minFit != null) {
      Check.range(minFit, -1_000_000, 1_000_000, "minFit");
    }
    requalifyPoints = requalifyPoints == null ? score : requalifyPoints;
    Check.range(requalifyPoints, 1, 1_000_000, "requalifyPoints");
  }

  public static MqlConfig defaults() {
    return new MqlConfig(null, null, null);
  }
}
