package io.leadgate.collect;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event as the browser sent it, read from a token stream before any rule is applied; {@link EventParser}
 * applies the rules. Reading everything first keeps the answers the gateway gave when it parsed a whole tree:
 * a syntax error anywhere is {@code invalid_json}, the rules run in their fixed order whatever order the fields
 * came in, and of duplicate keys the last value wins (in the first one's place, as {@code ObjectNode} does).
 *
 * <p>Values are what a {@code JsonNode} would have held: {@link String}, {@link Integer}, {@link Long},
 * {@link java.math.BigInteger}, {@link Double}, {@link Boolean}, {@link #NULL}; an object directly under the
 * event is a {@code Map} of such values; arrays, and objects any deeper, are {@link #NESTED} because no rule
 * looks inside them.
 */
final class EventFields {
  /** A JSON {@code null} (a missing field is Java {@code null}). */
  static final Object NULL = new Object();
  /** An array, or an object below the event's own objects. */
  static final Object NESTED = new Object();
  private static final EventFields NOT_AN_OBJECT = new EventFields(null);

  private final Map<String, Object> fields;

  private EventFields(Map<String, Object> fields) {
    this.fields = fields;
  }

  /**
   * Reads the value at the parser's current token, to its end.
   *
   * @throws IOException a syntax error, or a number or string over the parser's limits
   */
  static EventFields read(JsonParser tokens) throws IOException {
    if (tokens.currentToken() != JsonToken.START_OBJECT) {
      value(tokens); // read to its end all the same: an unterminated string is invalid JSON, not a bad event
      return NOT_AN_OBJECT;
    }
    return new EventFields(object(tokens, true));
  }

  boolean isObject() {
    return fields != null;
  }

  /** The field's value, or null when the event does not have it. */
  Object get(String name) {
    return fields.get(name);
  }

  private static Map<String, Object> object(JsonParser tokens, boolean keepObjects) throws IOException {
    Map<String, Object> object = new LinkedHashMap<>();
    String name;
    while ((name = tokens.nextFieldName()) != null) {
      tokens.nextToken();
      object.put(name, keepObjects && tokens.currentToken() == JsonToken.START_OBJECT
          ? object(tokens, false) : value(tokens));
    }
    return object;
  }

  private static Object value(JsonParser tokens) throws IOException {
    JsonToken token = tokens.currentToken();
    if (token == null) {
      return NESTED; // no value at all: an empty body
    }
    return switch (token) {
      case VALUE_STRING -> tokens.getText();
      // Integer, Long or BigInteger by size, and a double for any fraction: the node types readTree made
      case VALUE_NUMBER_INT -> tokens.getNumberValue();
      case VALUE_NUMBER_FLOAT -> tokens.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> NULL;
      default -> {
        tokens.skipChildren();
        yield NESTED;
      }
    };
  }
}
