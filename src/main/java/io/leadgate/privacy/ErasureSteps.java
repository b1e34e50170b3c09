package io.leadgate.privacy;

import io.leadgate.core.InvalidInput;
import io.leadgate.webhooks.LeadErasure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;

/** Runs one saved step of an erasure through the port of the feature that owns the data. Every step is idempotent. */
final class ErasureSteps {
  /** How long an erased visitor's events are dropped: longer than any snippet keeps a retry or a visitor lives. */
  static final long VISITOR_TOMBSTONE_MS = 400L * 24 * 3600 * 1000;

  private final PrivacyPorts ports;
  private final Clock clock;

  ErasureSteps(PrivacyPorts ports, Clock clock) {
    this.ports = ports;
    this.clock = clock;
  }

  Future<Void> run(JsonObject step) {
    String lead = step.getString("lead");
    String site = step.getString("site");
    return switch (step.getString("op")) {
      case "visitor" -> {
        String visitor = step.getString("visitor");
        yield ports.erasedVisitors().erase(site, visitor, clock.millis(), VISITOR_TOMBSTONE_MS)
            .compose(v -> ports.visitors().erase(site, visitor))
            .compose(v -> ports.identifyAttempts().forget(site, visitor));
      }
      case "emailIndex" -> ports.leads().releaseEmail(site, step.getString("emailKey"), lead);
      case "account" -> ports.leaveAccount().apply(site, lead).mapEmpty();
      case "lead" -> ports.leads().erase(lead);
      case "score" -> ports.scores().erase(lead);
      case "leadIndex" -> ports.scores().unindex(site, lead);
      case "search" -> ports.search().remove(site, lead, step.getString("domain"));
      case "funnel" -> ports.funnel().remove(site, lead);
      case "rateLimits" -> ports.forgetEmailLimits().apply(step.getString("emailKey"));
      case "webhooks" -> ports.deliveries().erase(lead, step.getLong("seq", 0L), strings(step, "endpoints"));
      case "deliveryLog" -> ports.deliveryLog().eraseLead(step.getString("endpoint"), lead);
      case "notify" -> ports.outbox().append(LeadErasure.event(site, lead, step.getLong("seq", 1L), clock.millis(),
          step.getString("emailHash"), strings(step, "endpoints"))).mapEmpty();
      case "tombstone" -> ports.erasures().tombstone(step.getString("emailHash"), clock.millis());
      default -> Future.failedFuture(new InvalidInput("unknown_step", null, "an erasure step this build does not know: "
          + step.getString("op")));
    };
  }

  private static List<String> strings(JsonObject step, String field) {
    return step.getJsonArray(field, new JsonArray()).stream().map(String::valueOf).toList();
  }
}
