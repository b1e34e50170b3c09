package io.leadgate.forms;

import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What became of each form's submissions, counted per site and day (the site's day), shared by every instance and
 * kept as long as the site's daily aggregates ({@code statsRetentionDays}). Outcomes: {@code lead_created},
 * {@code lead_updated}, {@code retry}, {@code rate_limited}, {@code spam:<defence>}, {@code junk:<reason>}.
 */
public interface FormCountStore {

  /** Counts one submission of {@code form} with {@code outcome} on {@code day}; the day is kept {@code keepDays}. */
  Future<Void> add(String site, LocalDate day, String form, String outcome, int keepDays);

  /** The counts of the days, summed: {@code form} → {@code outcome} → count. */
  Future<Map<String, Map<String, Long>>> read(String site, List<LocalDate> days);
}
