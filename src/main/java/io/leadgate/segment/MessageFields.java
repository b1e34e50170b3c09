package io.leadgate.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadgate.core.InvalidInput;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the fields of one Segment-spec message, naming a failure by its path in the request ({@code batch[2].event}).
 * What the product cannot keep is made to fit rather than refused, as the snippet does: long texts are cut, nested
 * properties are left out; only what makes the message meaningless (no id, a wrong type, a date that is no date) is
 * refused.
 */
final class MessageFields {
  static final int MAX_ID = 1024;
  static final int MAX_PROPS = 20;
  static final int MAX_PROP_KEY = 64;
  static final int MAX_PROP_VALUE = 256;
  private final JsonNode message;
  private final String prefix;

  MessageFields(JsonNode message, String prefix) {
    this.message = message;
    this.prefix = prefix;
  }

  JsonNode node() {
    return message;
  }

  String field(String name) {
    return prefix + name;
  }

  /** An id ({@code userId}, {@code anonymousId}, {@code messageId}, {@code groupId}): a string, or a number as text. */
  String id(String name) {
    JsonNode value = message.get(name);
    if (absent(value)) {
      return null;
    }
    if (!value.isTextual() && !value.isIntegralNumber()) {
      throw InvalidInput.field(field(name), "must be a string");
    }
    String text = value.asText();
    if (text.length() > MAX_ID) {
      throw InvalidInput.field(field(name), "must be at most " + MAX_ID + " characters");
    }
    return text;
  }

  /** A string, cut to {@code max}; null when absent or empty. */
  String text(String name, int max) {
    return text(message, name, name, max);
  }

  String text(JsonNode parent, String path, String name, int max) {
    JsonNode value = parent == null ? null : parent.get(name);
    if (absent(value) || (value.isTextual() && value.asText().isEmpty())) {
      return null;
    }
    if (!value.isTextual()) {
      throw InvalidInput.field(field(path), "must be a string");
    }
    String text = value.asText();
    return text.length() <= max ? text : text.substring(0, max);
  }

  /** An object ({@code context}, {@code properties}, {@code traits}); null when absent. */
  JsonNode object(JsonNode parent, String path, String name) {
    JsonNode value = parent == null ? null : parent.get(name);
    if (absent(value)) {
      return null;
    }
    if (!value.isObject()) {
      throw InvalidInput.field(field(path), "must be an object");
    }
    return value;
  }

  /** An ISO-8601 date with its offset, or milliseconds since the epoch; -1 when absent. */
  long instant(JsonNode parent, String path, String name) {
    JsonNode value = parent == null ? null : parent.get(name);
    if (absent(value)) {
      return -1;
    }
    if (value.isIntegralNumber() && value.asLong() >= 0) {
      return value.asLong();
    }
    if (value.isTextual()) {
      try {
        return OffsetDateTime.parse(value.asText()).toInstant().toEpochMilli();
      } catch (DateTimeParseException e) {
        // refused below
      }
    }
    throw InvalidInput.field(field(path), "must be an ISO-8601 date and time with an offset (2024-05-01T09:30:00Z)");
  }

  /**
   * The scalar members of an object as event properties: strings (cut to {@value #MAX_PROP_VALUE}), numbers and
   * booleans, at most {@value #MAX_PROPS} in all with what {@code into} holds already; nested values, nulls and
   * over-long names are left out.
   */
  static void scalars(JsonNode object, Map<String, Object> into) {
    if (object == null) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext() && into.size() < MAX_PROPS) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (key.isEmpty() || key.length() > MAX_PROP_KEY || into.containsKey(key)) {
        continue;
      }
      if (value.isTextual()) {
        String text = value.asText();
        into.put(key, text.length() <= MAX_PROP_VALUE ? text : text.substring(0, MAX_PROP_VALUE));
      } else if (value.isIntegralNumber() && value.canConvertToLong()) {
        into.put(key, value.asLong());
      } else if (value.isNumber() && Double.isFinite(value.asDouble())) {
        into.put(key, value.asDouble());
      } else if (value.isBoolean()) {
        into.put(key, value.asBoolean());
      }
    }
  }

  static Map<String, Object> props() {
    return new LinkedHashMap<>();
  }

  private static boolean absent(JsonNode value) {
    return value == null || value.isNull() || value.isMissingNode();
  }
}
