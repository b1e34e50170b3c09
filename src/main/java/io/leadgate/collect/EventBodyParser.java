package io.leadgate.collect;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.leadgate.core.Event;
import io.leadgate.core.EventJson;
import io.leadgate.core.InvalidInput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the body of {@code POST /e}, one event or an array of at most {@link #MAX_BATCH}, into events, or refuses
 * it with a 400. In a batch, an event that breaks a rule is set aside (see {@link EventBatch}); the batch is
 * refused only when none of its events is valid. The body is read as a token stream (no tree: it was a tenth of the intake's CPU), all of it
 * before any rule runs, so that invalid JSON anywhere is {@code invalid_json} and an oversized batch is
 * {@code batch_too_large} whatever its events hold. What follows the first JSON value is not read.
 */
public final class EventBodyParser {
  public static final int MAX_BATCH = 50;

  private final EventParser parser = new EventParser();

  /**
   * @throws InvalidInput for invalid JSON, an empty or oversized batch, a single event that breaks a rule, or
   *                      a batch none of whose events is valid (naming the first event's fault)
   */
  public EventBatch parse(byte[] body, long receivedAt) {
    List<EventFields> batch;
    try (JsonParser tokens = EventJson.FACTORY.createParser(body)) {
      if (tokens.nextToken() != JsonToken.START_ARRAY) {
        return EventBatch.of(parser.parse(EventFields.read(tokens), "", receivedAt));
      }
      batch = new ArrayList<>();
      while (tokens.nextToken() != JsonToken.END_ARRAY) {
        batch.add(EventFields.read(tokens));
      }
    } catch (JsonProcessingException e) {
      throw new InvalidInput("invalid_json", null, "the body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidInput("invalid_json", null, "the body cannot be read");
    }
    if (batch.isEmpty()) {
      throw new InvalidInput("empty_batch", null, "the batch holds no event");
    }
    if (batch.size() > MAX_BATCH) {
      throw new InvalidInput("batch_too_large", null, "a batch holds at most " + MAX_BATCH + " events");
    }
    List<Event> events = new ArrayList<>(batch.size());
    List<EventBatch.Rejected> rejected = new ArrayList<>();
    InvalidInput firstFault = null;
    for (int i = 0; i < batch.size(); i++) {
      try {
        events.add(parser.parse(batch.get(i), "[" + i + "].", receivedAt));
      } catch (InvalidInput fault) {
        firstFault = firstFault == null ? fault : firstFault;
        rejected.add(EventBatch.Rejected.of(i, fault));
      }
    }
    if (events.isEmpty()) {
      throw firstFault;
    }
    return new EventBatch(events, rejected);
  }
}
