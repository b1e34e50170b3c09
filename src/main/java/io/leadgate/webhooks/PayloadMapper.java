package io.leadgate.webhooks;

import io.leadgate.core.DomainEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body an endpoint receives for a domain event. By default the Standard Webhooks envelope
 * {@code {"type", "timestamp", "data", ...}}; with a mapping, a flat or nested object of just the fields a CRM's own
 * lead-intake API takes, each read from a path into the envelope ({@code data.email}, {@code data.fields.company},
 * {@code type}), plus constants. A path that leads nowhere leaves its field out. Pure and immutable.
 */
public final class PayloadMapper {
  /** The envelope's top-level fields, which is where every mapping path starts. */
  public static final List<String> ROOTS = List.of("id", "type", "timestamp", "site", "lead", "seq", "at", "data");

  private final Map<String, String> fields;
  private final Map<String, Object> constants;

  /**
   * @param fields    output field (dots make nested objects: {@code contact.email}) → source path; empty: the envelope
   * @param constants output field → fixed value
   */
  public PayloadMapper(Map<String, String> fields, Map<String, Object> constants) {
    this.fields = new LinkedHashMap<>(fields);
    this.constants = new LinkedHashMap<>(constants);
  }

  public static PayloadMapper envelope() {
    return new PayloadMapper(Map.of(), Map.of());
  }

  /** The JSON text to send (encoded once: the signature covers these exact bytes). */
  public String body(DomainEvent event) {
    if (fields.isEmpty() && constants.isEmpty()) {
      return envelopeOf(event).encode();
    }
    return map(event).encode();
  }

  /** Just the mapped fields and constants (what a CRM preset builds its request from). */
  public JsonObject map(DomainEvent event) {
    JsonObject envelope = envelopeOf(event);
    JsonObject out = new JsonObject();
    constants.forEach((field, value) -> put(out, field, value));
    fields.forEach((field, path) -> {
      Object value = read(envelope, path);
      if (value != null) {
        put(out, field, value);
      }
    });
    return out;
  }

  static JsonObject envelopeOf(DomainEvent event) {
    return new JsonObject()
        .put("id", event.id())
        .put("type", event.type())
        .put("timestamp", Instant.ofEpochMilli(event.at()).toString())
        .put("site", event.site())
        .put("lead", event.leadId())
        .put("seq", event.seq())
        .put("at", event.at())
        .put("data", LeadErasure.publicData(event));
  }

  private static Object read(JsonObject root, String path) {
    Object current = root;
    for (String segment : path.split("\\.")) {
      if (current instanceof JsonObject object) {
        current = object.getValue(segment);
      } else if (current instanceof JsonArray array && segment.matches("\\d{1,6}")) {
        int index = Integer.parseInt(segment);
        current = index < array.size() ? array.getValue(index) : null;
      } else {
        return null;
      }
    }
    return current;
  }

  private static void put(JsonObject out, String field, Object value) {
    String[] segments = field.split("\\.");
    JsonObject target = out;
    for (int i = 0; i < segments.length - 1; i++) {
      Object next = target.getValue(segments[i]);
      if (!(next instanceof JsonObject)) {
        next = new JsonObject();
        target.put(segments[i], next);
      }
      target = (JsonObject) next;
    }
    target.put(segments[segments.length - 1], value);
  }
}
