package io.leadgate.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * How an {@link Event} is written into the event log and read back.
 *
 * <p>{@link #encodeTo} writes UTF-8 with the streaming generator (databind was a fifth of the intake's CPU, and
 * characters then bytes cost a second pass), and its output is byte for byte what
 * {@code ObjectMapper.writeValueAsString(event)} wrote: the record's components
 * in order, {@code null} for a missing value, the type by its constant name, maps in their iteration order. One
 * difference: a lone surrogate (a body may send {@code "\ud800"}) is written escaped, where databind's String
 * lost it to {@code ?} on its way into the log as UTF-8.
 */
public final class EventJson {
  /** Thread-safe and expensive to make: the one factory intake reads and writes events with. */
  public static final JsonFactory FACTORY = JsonFactory.builder()
      // bytes straight into the log entry; a character outside the BMP stays one UTF-8 sequence, as databind's
      // String had it, instead of two escaped surrogates
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      // the caller's stream holds other lines: closing the generator must not close it
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .build();

  private EventJson() {
  }

  /** The event as one line of UTF-8 JSON, appended to {@code out} (the log packs several lines per entry). */
  public static void encodeTo(Event event, OutputStream out) {
    try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      write(event, json);
    } catch (IOException e) {
      throw new IllegalStateException("an event is plain data and always encodes", e);
    }
  }

  public static String encode(Event event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(640);
    encodeTo(event, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Writes a JSON text with the shared factory: projection's timeline entries and touches, per event. */
  public static String write(JsonWriting body) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      body.write(json);
    } catch (IOException e) {
      throw new IllegalStateException("plain data always encodes", e);
    }
    return out.toString();
  }

  /** What {@link #write} writes. */
  @FunctionalInterface
  public interface JsonWriting {
    void write(JsonGenerator json) throws IOException;
  }

  /** @throws IllegalArgumentException when the text is not an event */
  public static Event decode(String json) {
    return EventReader.read(json);
  }

  private static void write(Event event, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", event.id());
    json.writeStringField("site", event.site());
    json.writeStringField("visitor", event.visitor());
    json.writeStringField("session", event.session());
    json.writeStringField("type", event.type() == null ? null : event.type().name());
    json.writeStringField("url", event.url());
    json.writeStringField("page", event.page());
    json.writeStringField("title", event.title());
    json.writeStringField("referrer", event.referrer());
    json.writeFieldName("utm");
    writeValue(event.utm(), json);
    json.writeFieldName("click");
    writeValue(event.click(), json);
    json.writeStringField("name", event.name());
    json.writeFieldName("props");
    writeValue(event.props(), json);
    json.writeNumberField("clientTs", event.clientTs());
    json.writeNumberField("receivedAt", event.receivedAt());
    json.writeStringField("ip", event.ip());
    json.writeEndObject();
  }

  /** The plain values props may hold (a decoded event's may be nested), each written as databind writes it. */
  public static void writeValue(Object value, JsonGenerator json) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof String text) {
      json.writeString(text);
    } else if (value instanceof Boolean bool) {
      json.writeBoolean(bool);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      json.writeNumber(((Number) value).longValue());
    } else if (value instanceof Double real) {
      json.writeNumber(real);
    } else if (value instanceof Float real) {
      json.writeNumber(real);
    } else if (value instanceof BigInteger big) {
      json.writeNumber(big);
    } else if (value instanceof BigDecimal big) {
      json.writeNumber(big);
    } else if (value instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        json.writeFieldName(String.valueOf(entry.getKey()));
        writeValue(entry.getValue(), json);
      }
      json.writeEndObject();
    } else if (value instanceof Collection<?> list) {
      json.writeStartArray();
      for (Object item : list) {
        writeValue(item, json);
      }
      json.writeEndArray();
    } else {
      throw new IllegalArgumentException("not plain data: " + value.getClass().getName());
    }
  }
}
