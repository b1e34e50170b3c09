package io.leadgate.privacy;

import io.leadgate.core.NotFound;
import io.leadgate.identity.Visitor;
import io.leadgate.webhooks.DeliveryLog.Attempt;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Everything held about a person, as one JSON document ({@code GET /api/privacy/export}). */
final class ExportService {
  /** Timeline entries exported per visitor: more than any site keeps ({@code sites[].timelineMax} is at most this). */
  static final int TIMELINE_MAX = 100_000;
  private final PrivacyPorts ports;
  private final List<String> endpoints;
  private final Clock clock;

  ExportService(PrivacyPorts ports, List<String> endpoints, Clock clock) {
    this.ports = ports;
    this.endpoints = List.copyOf(endpoints);
    this.clock = clock;
  }

  Future<JsonObject> export(Subject subject) {
    JsonArray leads = new JsonArray();
    JsonArray visitors = new JsonArray();
    Future<Void> done;
    if (subject.email() != null) {
      done = Future.succeededFuture();
      for (String site : subject.sites()) {
        done = done.compose(v -> ports.leads().leadIdByEmail(site, subject.email().key()))
            .compose(id -> id.isEmpty() ? Future.succeededFuture() : lead(id.get()).map(l -> {
              l.ifPresent(leads::add);
              return null;
            }));
      }
    } else {
      String site = subject.sites().get(0);
      done = ports.visitors().visitor(site, subject.visitor()).compose(found -> {
        if (found.isEmpty()) {
          return Future.succeededFuture();
        }
        if (found.get().leadId() != null) {
          return lead(found.get().leadId()).map(l -> {
            l.ifPresent(leads::add);
            return null;
          });
        }
        return visitor(site, subject.visitor()).map(visitors::add).mapEmpty();
      });
    }
    return done.map(v -> {
      if (leads.isEmpty() && visitors.isEmpty()) {
        throw new NotFound("nothing_held", "nothing is held about this person");
      }
      JsonObject asked = subject.email() != null ? new JsonObject().put("email", subject.email().address())
          : new JsonObject().put("visitor", subject.visitor());
      return new JsonObject().put("subject", asked.put("sites", new JsonArray(subject.sites())))
          .put("exportedAt", clock.millis()).put("leads", leads).put("visitors", visitors);
    });
  }

  private Future<Optional<JsonObject>> lead(String leadId) {
    return ports.leadProfile().apply(leadId).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Optional.<JsonObject>empty());
      }
      JsonObject lead = found.get();
      // the profile's own timeline is the merged view; each visitor's follows in full below
      lead.remove("timeline");
      long seq = lead.getLong("seq", 0L);
      List<Future<JsonObject>> visitors = new ArrayList<>();
      for (Object member : lead.getJsonArray("visitors", new JsonArray())) {
        String text = String.valueOf(member);
        int colon = text.indexOf(':');
        visitors.add(visitor(text.substring(0, colon), text.substring(colon + 1)));
      }
      Future<JsonObject> held = ports.deliveries().held(leadId, seq, endpoints);
      Future<List<Attempt>> log = ports.deliveryLog().forLead(leadId, null, 1000);
      return Future.all(Future.all(visitors), held, log).map(v -> {
        JsonArray profiles = new JsonArray();
        visitors.forEach(f -> profiles.add(f.result()));
        JsonArray attempts = new JsonArray();
        log.result().forEach(a -> attempts.add(a.toJson()));
        return Optional.of(lead.put("visitor_profiles", profiles).put("webhooks", new JsonObject()
            .put("held", held.result()).put("deliveries", attempts)));
      });
    });
  }

  private Future<JsonObject> visitor(String site, String visitorId) {
    Future<Optional<Visitor>> profile = ports.visitors().visitor(site, visitorId);
    Future<List<JsonObject>> timeline = ports.visitors().timeline(site, visitorId, TIMELINE_MAX);
    return Future.all(profile, timeline).map(v -> {
      JsonObject out = new JsonObject().put("site", site).put("id", visitorId);
      profile.result().ifPresent(p -> out.put("profile", toJson(p)));
      return out.put("timeline", new JsonArray(new ArrayList<>(timeline.result())));
    });
  }

  static JsonObject toJson(Visitor v) {
    return new JsonObject().put("first_seen", v.firstSeen()).put("last_seen", v.lastSeen())
        .put("sessions", v.sessions()).put("landing", v.landingPage()).put("first_touch", v.firstTouch())
        .put("last_touch", v.lastTouch()).put("counts", v.counts()).put("ip", v.ip()).put("lead", v.leadId())
        .put("linked_by", v.linkedBy());
  }
}
