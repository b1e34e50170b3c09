package io.leadgate.segment;

import io.leadgate.collect.CollectService;
import io.leadgate.config.SiteConfig;
import io.leadgate.core.Feature;
import io.leadgate.http.ClientIp;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.List;

/**
 * The Segment-spec HTTP tracking API ({@code /v1/*}, docs/segment.md): server-side sources (Segment's and
 * RudderStack's SDKs) send to the gateway with a site's write key, onto the same intake as the snippet.
 */
public final class SegmentFeature implements Feature {
  /** Requests under this path may be up to {@link #BODY_LIMIT} bytes, more than the gateway's usual limit. */
  public static final String PATH_PREFIX = SegmentRoutes.PREFIX;
  public static final int BODY_LIMIT = SegmentService.MAX_REQUEST;
  private final SegmentRoutes routes;

  public SegmentFeature(SegmentConfig config, List<SiteConfig> sites, CollectService intake, ClientIp clientIp,
                        Clock clock) {
    SegmentService service = new SegmentService(new WriteKeys(sites), new MessageMapper(config), intake, clock);
    this.routes = new SegmentRoutes(service, clientIp);
  }

  @Override
  public void mount(Router router) {
    routes.mount(router);
  }
}
