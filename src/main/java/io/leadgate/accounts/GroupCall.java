package io.leadgate.accounts;

import io.leadgate.core.Event;
import io.leadgate.core.EventType;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * A Segment-spec {@code group} call as the projector sees it: a custom event named {@code group} whose props are
 * {@code groupId} and the company's traits as scalars ({@code name}, {@code website}, {@code industry},
 * {@code employees}, ...). The traits fill the firmographic fields of the account of the lead the visitor is.
 */
final class GroupCall {
  /** Trait → account field. */
  private static final Map<String, String> FIELDS = Map.of("name", "company", "website", "website",
      "industry", "industry", "employees", "size", "country", "country", "groupId", "group_id");

  private GroupCall() {
  }

  /** The account fields a group call sets; null when the event is not one. */
  static JsonObject fields(Event event) {
    if (event.type() != EventType.CUSTOM || !"group".equals(event.name()) || event.props() == null) {
      return null;
    }
    JsonObject fields = new JsonObject();
    FIELDS.forEach((trait, field) -> {
      Object value = event.props().get(trait);
      if (value instanceof String || value instanceof Number) {
        fields.put(field, value);
      }
    });
    return fields.isEmpty() ? null : fields;
  }
}
