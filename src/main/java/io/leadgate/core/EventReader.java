package io.leadgate.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads back what {@link EventJson#encode} wrote into the log, with the streaming parser: databind's bean
 * deserializer was a fifth of the projector's CPU. It gives what databind gave: unknown fields skipped, a missing
 * field null (0 for the times), numbers in props as {@code Integer}, {@code Long}, {@code BigInteger} or
 * {@code Double}, objects as maps and arrays as lists (EventJsonTest compares the two on generated events).
 */
final class EventReader {
  private EventReader() {
  }

  /** @throws IllegalArgumentException when the text is not an event */
  static Event read(String json) {
    try (JsonParser tokens = EventJson.FACTORY.createParser(json)) {
      if (tokens.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not an event: not a JSON object");
      }
      return event(tokens);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not an event: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("not an event: " + e.getMessage(), e);
    }
  }

  private static Event event(JsonParser tokens) throws IOException {
    String id = null, site = null, visitor = null, session = null, url = null, page = null, title = null;
    String referrer = null, name = null, ip = null;
    EventType type = null;
    Map<String, String> utm = null, click = null;
    Map<String, Object> props = null;
    long clientTs = 0, receivedAt = 0;
    String field;
    while ((field = tokens.nextFieldName()) != null) {
      tokens.nextToken();
      switch (field) {
        case "id" -> id = text(tokens);
        case "site" -> site = text(tokens);
        case "visitor" -> visitor = text(tokens);
        case "session" -> session = text(tokens);
        case "type" -> type = type(tokens);
        case "url" -> url = text(tokens);
        case "page" -> page = text(tokens);
        case "title" -> title = text(tokens);
        case "referrer" -> referrer = text(tokens);
        case "utm" -> utm = texts(tokens);
        case "click" -> click = texts(tokens);
        case "name" -> name = text(tokens);
        case "props" -> props = props(tokens);
        case "clientTs" -> clientTs = number(tokens);
        case "receivedAt" -> receivedAt = number(tokens);
        case "ip" -> ip = text(tokens);
        default -> tokens.skipChildren();
      }
    }
    try {
      return new Event(id, site, visitor, session, type, url, page, title, referrer, utm, click, name, props, clientTs,
          receivedAt, ip);
    } catch (NullPointerException e) {
      throw new IllegalArgumentException("not an event: a map holds a null", e); // Map.copyOf refuses nulls
    }
  }

  private static String text(JsonParser tokens) throws IOException {
    if (tokens.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (!tokens.currentToken().isScalarValue()) {
      throw new IllegalArgumentException("not an event: " + tokens.currentName() + " is not text");
    }
    return tokens.getText();
  }

  private static EventType type(JsonParser tokens) throws IOException {
    String constant = text(tokens);
    try {
      return constant == null ? null : EventType.valueOf(constant);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an event: unknown type " + constant, e);
    }
  }

  private static long number(JsonParser tokens) throws IOException {
    if (tokens.currentToken() == JsonToken.VALUE_NULL) {
      return 0;
    }
    if (tokens.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw new IllegalArgumentException("not an event: " + tokens.currentName() + " is not a whole number");
    }
    return tokens.getLongValue();
  }

  private static Map<String, String> texts(JsonParser tokens) throws IOException {
    if (tokens.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (tokens.currentToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("not an event: " + tokens.currentName() + " is not an object");
    }
    Map<String, String> map = new LinkedHashMap<>();
    String key;
    while ((key = tokens.nextFieldName()) != null) {
      tokens.nextToken();
      map.put(key, text(tokens));
    }
    return map;
  }

  private static Map<String, Object> props(JsonParser tokens) throws IOException {
    if (tokens.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (tokens.currentToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("not an event: props is not an object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) value(tokens);
    return map;
  }

  /** Any value, as databind's untyped reading gives it. */
  private static Object value(JsonParser tokens) throws IOException {
    switch (tokens.currentToken()) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        String key;
        while ((key = tokens.nextFieldName()) != null) {
          tokens.nextToken();
          map.put(key, value(tokens));
        }
        return map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (tokens.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(tokens));
        }
        return list;
      }
      case VALUE_STRING -> {
        return tokens.getText();
      }
      case VALUE_NUMBER_INT -> {
        return tokens.getNumberValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return tokens.getDoubleValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      default -> {
        return null;
      }
    }
  }
}
