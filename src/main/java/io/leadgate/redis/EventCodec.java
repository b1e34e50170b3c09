package io.leadgate.redis;

import io.leadgate.core.DomainEvent;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;
import java.util.HashMap;
import java.util.Map;

/** A {@link DomainEvent} as one JSON text (webhook queues, dead letters, the message archive) and stream fields. */
final class EventCodec {
  private EventCodec() {
  }

  static String encode(DomainEvent event) {
    return new JsonObject().put("id", event.id()).put("type", event.type()).put("site", event.site())
        .put("lead", event.leadId()).put("seq", event.seq()).put("at", event.at())
        .put("data", event.data() == null ? new JsonObject() : event.data()).encode();
  }

  /** @throws IllegalArgumentException when the text is not an event */
  static DomainEvent decode(String json) {
    try {
      JsonObject o = new JsonObject(json);
      return new DomainEvent(o.getString("id"), o.getString("type"), o.getString("site"), o.getString("lead"),
          o.getLong("seq", 0L), o.getLong("at", 0L), o.getJsonObject("data", new JsonObject()));
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException("not a domain event: " + e.getMessage(), e);
    }
  }

  /** A stream entry's flat field list as a map; empty when the entry was deleted. */
  static Map<String, String> fields(Response flat) {
    Map<String, String> map = new HashMap<>();
    if (flat == null) {
      return map;
    }
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      map.put(flat.get(i).toString(), flat.get(i + 1) == null ? null : flat.get(i + 1).toString());
    }
    return map;
  }

  static boolean isNoGroup(Throwable e) {
    return String.valueOf(e.getMessage()).contains("NOGROUP");
  }

  static boolean isBusyGroup(Throwable e) {
    return String.valueOf(e.getMessage()).contains("BUSYGROUP");
  }
}
