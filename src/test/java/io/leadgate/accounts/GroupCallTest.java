package io.leadgate.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.leadgate.core.Event;
import io.leadgate.core.EventType;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Segment-spec group call, projected as the custom event {@code group}, fills its lead's account's fields. */
class GroupCallTest {
  static Event custom(String name, Map<String, Object> props) {
    return new Event("e-1", "acme", "v-1", "s-1", EventType.CUSTOM, "https://www.acme.com/", "/", null, null, null,
        null, name, props, 0, 0, null);
  }

  @Test
  void groupTraits_becomeTheAccountsFirmographicFields() {
    JsonObject fields = GroupCall.fields(custom("group", Map.of("groupId", "g-42", "name", "Acme Ltd",
        "employees", 250, "industry", "Software", "website", "https://acme.com", "plan", "pro")));
    assertEquals(new JsonObject().put("group_id", "g-42").put("company", "Acme Ltd").put("size", 250)
        .put("industry", "Software").put("website", "https://acme.com"), fields);
  }

  @Test
  void otherCustomEvents_setNothing() {
    assertNull(GroupCall.fields(custom("video_played", Map.of("name", "Intro"))));
  }
}
