package io.leadgate.forms;

import io.leadgate.config.SiteConfig;
import io.leadgate.ops.Metrics;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What became of a submission, told to the metrics (this instance) and to the shared daily counts that the forms
 * report reads ({@link FormCountStore}, on the site's day). The submission's answer does not wait for the count, and
 * a count that fails is logged, not the submission's failure: the lead is made by then.
 */
public final class FormOutcomes {
  private static final Logger LOG = Logger.getLogger(FormOutcomes.class.getName());
  private final Map<String, SiteConfig> sites;
  private final FormCountStore counts;
  private final Metrics metrics;
  private final Clock clock;

  public FormOutcomes(Map<String, SiteConfig> sites, FormCountStore counts, Metrics metrics, Clock clock) {
    this.sites = Map.copyOf(sites);
    this.counts = counts;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * @param outcome {@code lead_created}, {@code lead_updated}, {@code retry}, {@code rate_limited}, {@code spam},
   *                {@code junk}
   * @param detail  the spam defence or the junk reason; null for the others
   */
  public void record(FormConfig form, String outcome, String detail) {
    metrics.counter("leadgate.forms.submissions", "form", form.id(), "outcome", outcome).increment();
    SiteConfig site = sites.get(form.site());
    LocalDate day = LocalDate.ofInstant(clock.instant(), site.zone());
    counts.add(site.key(), day, form.id(), detail == null ? outcome : outcome + ":" + detail, site.statsRetentionDays())
        .onFailure(e -> LOG.log(Level.WARNING, "form " + form.id() + ": the " + outcome + " was not counted", e));
  }
}
