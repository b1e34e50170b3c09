package io.leadgate.collect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** How an {@link Event} is written into the event log and read back. */
public final class EventJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private EventJson() {
  }

  public static String encode(Event event) {
    try {
      return MAPPER.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an event is plain data and always encodes", e);
    }
  }

  public static Event decode(String json) {
    try {
      return MAPPER.readValue(json, Event.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not an event: " + e.getOriginalMessage(), e);
    }
  }
}
