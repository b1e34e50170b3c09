package io.leadgate.collect;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.leadgate.http.ApiException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the body of {@code POST /e}, one event or an array of at most {@link #MAX_BATCH}, into events, or refuses
 * it with a 400. The body is read as a token stream (no tree: it was a tenth of the intake's CPU), all of it
 * before any rule runs, so that invalid JSON anywhere is {@code invalid_json} and an oversized batch is
 * {@code batch_too_large} whatever its events hold. What follows the first JSON value is not read.
 */
public final class EventBodyParser {
  public static final int MAX_BATCH = 50;

  private final EventParser parser = new EventParser();

  /** @throws ApiException 400 for invalid JSON, an empty or oversized batch, or an event that breaks a rule */
  public List<Event> parse(byte[] body, long receivedAt) {
    List<EventFields> batch;
    try (JsonParser tokens = EventJson.FACTORY.createParser(body)) {
      if (tokens.nextToken() != JsonToken.START_ARRAY) {
        return List.of(parser.parse(EventFields.read(tokens), "", receivedAt));
      }
      batch = new ArrayList<>();
      while (tokens.nextToken() != JsonToken.END_ARRAY) {
        batch.add(EventFields.read(tokens));
      }
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("invalid_json", null, "the body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("invalid_json", null, "the body cannot be read");
    }
    if (batch.isEmpty()) {
      throw ApiException.badRequest("empty_batch", null, "the batch holds no event");
    }
    if (batch.size() > MAX_BATCH) {
      throw ApiException.badRequest("batch_too_large", null, "a batch holds at most " + MAX_BATCH + " events");
    }
    List<Event> events = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      events.add(parser.parse(batch.get(i), "[" + i + "].", receivedAt));
    }
    return events;
  }
}
