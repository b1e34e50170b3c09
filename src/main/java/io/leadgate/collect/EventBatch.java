package io.leadgate.collect;

import io.leadgate.core.DomainException;
import io.leadgate.core.Event;
import java.util.List;

/**
 * What one request brought: its valid events, and the events of a batch that broke a rule. A batch is taken
 * event by event, as the snippet sends what it queued: one bad event (a {@code track} call with a bad name, say)
 * must not cost the good ones, and the snippet drops what is refused for good.
 */
public record EventBatch(List<Event> events, List<Rejected> rejected) {

  public EventBatch {
    events = List.copyOf(events);
    rejected = List.copyOf(rejected);
  }

  public static EventBatch of(Event event) {
    return new EventBatch(List.of(event), List.of());
  }

  /** One event of a batch that was refused, by its index in the batch and with why, as a 400 would say. */
  public record Rejected(int index, String code, String field, String message) {

    static Rejected of(int index, DomainException why) {
      return new Rejected(index, why.code(), why.field(), why.getMessage());
    }
  }
}
