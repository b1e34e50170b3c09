package io.leadgate.identity;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The stored form of a visitor profile: field names shared by the Redis script and the in-memory store.
 * Counters are named by {@link #counterFor}.
 */
public final class VisitorHash {
  public static final java.util.List<String> COUNTERS =
      java.util.List.of("pageviews", "downloads", "outbound", "custom", "engagement", "forms");

  private VisitorHash() {
  }

  /** The profile counter an event of this type bumps. */
  public static String counterFor(io.leadgate.core.EventType type) {
    return switch (type) {
      case PAGEVIEW -> "pageviews";
      case DOWNLOAD -> "downloads";
      case OUTBOUND -> "outbound";
      case CUSTOM -> "custom";
      case ENGAGEMENT -> "engagement";
      case FORM -> "forms";
    };
  }

  public static Visitor toVisitor(String site, String id, Map<String, String> hash) {
    JsonObject counts = new JsonObject();
    for (String counter : COUNTERS) {
      counts.put(counter, Long.parseLong(hash.getOrDefault(counter, "0")));
    }
    return new Visitor(site, id,
        Long.parseLong(hash.getOrDefault("first_seen", "0")),
        Long.parseLong(hash.getOrDefault("last_seen", "0")),
        Long.parseLong(hash.getOrDefault("sessions", "0")),
        hash.get("landing"),
        json(hash.get("first_touch")), json(hash.get("last_touch")), counts, hash.get("ip"), hash.get("lead"),
        // joined before identify existed: by a form
        hash.containsKey("lead") ? hash.getOrDefault("linked_by", "form") : null);
  }

  private static JsonObject json(String text) {
    return text == null ? new JsonObject() : new JsonObject(text);
  }

}
