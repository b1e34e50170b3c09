package io.leadgate.webhooks;

import io.leadgate.core.DomainEvent;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which domain events an endpoint wants: by type (a {@code lead.stage_changed} subscription may name the stage
 * moved to: {@code lead.stage_changed:sql}), then by the lead's stage, score and site. The lead is read from the
 * event's {@code data} ({@code stage}, {@code score}; {@code to} for stage changes). Pure and immutable.
 *
 * @param types        type → stages moved to that are wanted (empty set: any)
 * @param stages       the lead's stage must be one of these (empty: any)
 * @param minScore     the lead's score must be at least this (null: any)
 * @param sites        the event's site must be one of these (empty: any)
 */
public record EventFilter(Map<String, Set<String>> types, Set<String> stages, Integer minScore, Set<String> sites) {

  public boolean matches(DomainEvent event) {
    Set<String> toStages = types.get(event.type());
    if (toStages == null) {
      return false;
    }
    JsonObject data = event.data() == null ? new JsonObject() : event.data();
    String stage = stageOf(event.type(), data);
    if (!toStages.isEmpty() && !toStages.contains(data.getString("to", ""))) {
      return false;
    }
    if (!stages.isEmpty() && (stage == null || !stages.contains(stage))) {
      return false;
    }
    if (minScore != null) {
      Object score = data.getValue("score");
      if (!(score instanceof Number n) || n.doubleValue() < minScore) {
        return false;
      }
    }
    return sites.isEmpty() || sites.contains(event.site());
  }

  /** Everything of the given types, with no further condition. */
  public static EventFilter ofTypes(List<String> types) {
    Map<String, Set<String>> map = new java.util.LinkedHashMap<>();
    types.forEach(t -> map.put(t, Set.of()));
    return new EventFilter(map, Set.of(), null, Set.of());
  }

  private static String stageOf(String type, JsonObject data) {
    if (LeadEvents.STAGE_CHANGED.equals(type) && data.getValue("to") instanceof String to) {
      return to;
    }
    return data.getValue("stage") instanceof String stage ? stage : null;
  }
}
