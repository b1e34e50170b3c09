package io.leadgate.identity;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything a lead did, before and after it converted, on every browser and device it used: the timelines of its
 * visitors merged by time, newest first, each entry marked with its visitor and how that visitor was joined to the
 * lead ({@code linked_by}: {@code form} or {@code identify}).
 */
public final class LeadHistory {
  private final LeadStore leads;
  private final VisitorStore visitors;

  public LeadHistory(LeadStore leads, VisitorStore visitors) {
    this.leads = leads;
    this.visitors = visitors;
  }

  /** The newest {@code max} entries over all the lead's visitors. */
  public Future<List<JsonObject>> of(String leadId, int max) {
    return leads.visitors(leadId).compose(members -> {
      List<Future<List<JsonObject>>> timelines = new ArrayList<>();
      for (String member : members) {
        int colon = member.indexOf(':');
        String site = member.substring(0, colon);
        String visitor = member.substring(colon + 1);
        Future<String> linkedBy = visitors.visitor(site, visitor)
            .map(profile -> profile.map(Visitor::linkedBy).orElse(null));
        Future<List<JsonObject>> timeline = visitors.timeline(site, visitor, max);
        timelines.add(Future.all(linkedBy, timeline).map(both -> timeline.result().stream()
            .map(e -> e.copy().put("visitor", visitor).put("linked_by", linkedBy.result())).toList()));
      }
      return Future.all(timelines).map(done -> {
        List<JsonObject> merged = new ArrayList<>();
        timelines.forEach(t -> merged.addAll(t.result()));
        merged.sort(Comparator.comparingLong((JsonObject e) -> e.getLong("at", 0L)).reversed());
        return merged.size() > max ? List.copyOf(merged.subList(0, max)) : merged;
      });
    });
  }
}
