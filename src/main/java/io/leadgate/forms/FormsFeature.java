package io.leadgate.forms;

import io.leadgate.collect.BotFilter;
import io.leadgate.collect.ErasedVisitorFilter;
import io.leadgate.collect.EventLog;
import io.leadgate.config.SiteConfig;
import io.leadgate.core.Feature;
import io.leadgate.http.ClientIp;
import io.leadgate.identity.LeadIds;
import io.leadgate.identity.LeadSearch;
import io.leadgate.identity.LeadStore;
import io.leadgate.identity.VisitorStore;
import io.leadgate.ops.Metrics;
import io.leadgate.stats.StatsStore;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/** Lead-magnet forms: {@code /f/*} (render, submit) and {@code /d/*} (signed download links). */
public final class FormsFeature implements Feature {
  private static final Logger LOG = Logger.getLogger(FormsFeature.class.getName());
  private final FormsRoutes routes;
  private final FormsReportRoutes report;
  private final FormsService service;

  /**
   * @param secret    the gateway's secret ({@code secret:}); null: a random one for this process, with a warning
   *                  when forms are configured
   * @param assets    the assets folder of file magnets, or null
   * @param publicUrl the URL visitors reach the gateway at, or null (derived per request)
   * @param erased    the visitors' tombstones, which a submission lifts (docs/privacy.md)
   */
  public FormsFeature(List<FormConfig> forms, Map<String, SiteConfig> sites, String secret, Path assets,
                      String publicUrl, ClientIp clientIp, DomainLists lists, LeadStore leads, VisitorStore visitors,
                      EventLog events, RateLimitStore rateLimits, LeadSearch leadSearch, FormCountStore counts,
                      StatsStore stats, ErasedVisitorFilter erased, Metrics metrics, Clock clock) {
    String gatewaySecret = secret;
    if (gatewaySecret == null) {
      gatewaySecret = SignedTokens.randomSecret();
      if (!forms.isEmpty()) {
        LOG.warning("no secret configured: form tokens and download links are signed with a random secret that dies "
            + "with this process and differs on every instance; set secret: (32+ characters) in the configuration");
      }
    }
    Map<String, String> secrets = new HashMap<>();
    for (FormConfig form : forms) {
      secrets.put(form.id(), form.secret() != null ? form.secret() : gatewaySecret);
    }
    // the intake's bot list (its own copy): a magnet link opened by a bot or link scanner records nothing
    this.service = new FormsService(forms, sites, leads, visitors, events, rateLimits, leadSearch,
        new SignedTokens(secrets, clock), lists, BotFilter.shipped(), gatewaySecret, assets, erased, metrics,
        new FormOutcomes(sites, counts, metrics, clock), clock, new LeadIds());
    this.routes = new FormsRoutes(service, clientIp, publicUrl);
    this.report = new FormsReportRoutes(new FormsReport(forms, sites, counts, stats, clock));
  }

  /** Submissions below the HTTP route (the demo month goes through it). */
  public FormsService service() {
    return service;
  }

  @Override
  public void mount(Router router) {
    routes.mount(router);
    report.mount(router);
  }
}
