package io.leadgate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.leadgate.core.Event;
import io.leadgate.core.EventJson;
import io.leadgate.core.EventType;
import io.leadgate.ops.Metrics;
import io.leadgate.collect.EventLog;
import io.leadgate.collect.EventLog.LoggedEvent;
import io.leadgate.testing.RedisServer;
import io.leadgate.testing.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis log packs the events of a tick, or of the time a write is in flight, into one entry per partition and
 * still counts events, not entries.
 */
class RedisEventLogTest {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perClass();
  Vertx vertx;
  RedisStores stores;
  EventLog log;

  @BeforeEach
  void connect() {
    redis.flush();
    vertx = Vertx.vertx();
    stores = await(RedisStores.start(vertx, TestRedis.config(redis.url()), 1, new Metrics())); // one partition
    log = stores.events();
  }

  @AfterEach
  void close() {
    stores.close();
    vertx.close();
  }

  @Test
  void requestsOfOneTick_shareOneLogEntry() {
    await(inOneTick(List.of(List.of(event(1)), List.of(event(2), event(3)), List.of(event(4)))));
    assertEquals("1", redis.command("XLEN", RedisKeys.ingest(0)));
    List<LoggedEvent> read = await(log.read(0, "projector-a", false, 100, 0));
    assertEquals(List.of(event(1), event(2), event(3), event(4)), read.stream().map(LoggedEvent::event).toList());
    assertEquals(1, read.stream().map(LoggedEvent::entryId).distinct().count());
  }

  @Test
  void anEntry_holdsAtMostThirtyTwoEvents() {
    List<Event> many = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      many.add(event(i));
    }
    await(inOneTick(List.of(many)));
    assertEquals("2", redis.command("XLEN", RedisKeys.ingest(0)));
    assertEquals(40, await(log.read(0, "projector-a", false, 100, 0)).size());
  }

  @Test
  void requestsArrivingWhileTwoWritesAreInFlight_goTogetherIntoTheNextEntry() {
    redis.command("CLIENT", "PAUSE", "400", "WRITE"); // holds the first two writes in flight
    Promise<Void> done = Promise.promise();
    io.vertx.core.Context context = vertx.getOrCreateContext();
    context.runOnContext(tick1 -> {
      Future<Void> first = log.append(List.of(event(1)));
      context.runOnContext(tick2 -> {
        Future<Void> second = log.append(List.of(event(2)));
        context.runOnContext(tick3 -> {
          Future<Void> third = log.append(List.of(event(3)));
          context.runOnContext(tick4 -> {
            Future<Void> fourth = log.append(List.of(event(4)));
            Future.all(first, second, third, fourth).<Void>mapEmpty().onComplete(done);
          });
        });
      });
    });
    await(done.future());
    assertEquals("3", redis.command("XLEN", RedisKeys.ingest(0)));
    List<LoggedEvent> read = await(log.read(0, "projector-a", false, 100, 0));
    assertEquals(List.of(event(1), event(2), event(3), event(4)), read.stream().map(LoggedEvent::event).toList());
    assertEquals(read.get(2).entryId(), read.get(3).entryId());
  }

  @Test
  void backlog_countsEventsNotEntries() {
    await(inOneTick(List.of(List.of(event(1), event(2), event(3)))));
    await(inOneTick(List.of(List.of(event(4)))));
    assertEquals(4L, await(log.backlog()));
    List<LoggedEvent> read = await(log.read(0, "projector-a", false, 100, 0));
    await(log.ack(0, read.stream().map(LoggedEvent::entryId).toList()));
    assertEquals(0L, await(log.backlog()));
    assertEquals("0", redis.command("XLEN", RedisKeys.ingest(0)));
  }

  @Test
  void anEntryAcknowledgedTwice_isTakenOffTheBacklogOnce() {
    await(inOneTick(List.of(List.of(event(1), event(2)))));
    await(inOneTick(List.of(List.of(event(3)))));
    List<LoggedEvent> read = await(log.read(0, "projector-a", false, 1, 0));
    List<String> first = read.stream().map(LoggedEvent::entryId).toList();
    await(log.ack(0, first));
    await(log.ack(0, first));
    assertEquals(1L, await(log.backlog()));
  }

  @Test
  void anEntryWrittenOneEventEach_beforePacking_isStillReadAndCounted() {
    Event old = event(7);
    redis.command("XADD", RedisKeys.ingest(0), "*", "e", EventJson.encode(old));
    assertEquals(1L, await(log.backlog()));
    List<LoggedEvent> read = await(log.read(0, "projector-a", false, 10, 0));
    assertEquals(List.of(old), read.stream().map(LoggedEvent::event).toList());
    await(log.ack(0, List.of(read.get(0).entryId())));
    assertEquals(0L, await(log.backlog()));
  }

  @Test
  void anUnreadableLineInAnEntry_isSkippedAndTheOthersAreRead() {
    redis.command("XADD", RedisKeys.ingest(0), "*", "n", "2", "e", "{not json\n" + EventJson.encode(event(8)));
    List<LoggedEvent> read = await(log.read(0, "projector-a", false, 10, 0));
    assertEquals(2, read.size());
    assertNull(read.get(0).event());
    assertEquals(event(8), read.get(1).event());
  }

  @Test
  void anEntryWithAnUnreadableLine_isTakenOffTheBacklogWhole() {
    redis.command("XADD", RedisKeys.ingest(0), "*", "n", "2", "e", "{not json\n" + EventJson.encode(event(8)));
    redis.command("INCRBY", RedisKeys.ingestWaiting(0), "2");
    await(inOneTick(List.of(List.of(event(9)))));
    List<LoggedEvent> read = await(log.read(0, "projector-a", false, 1, 0));
    await(log.ack(0, read.stream().map(LoggedEvent::entryId).toList()));
    assertEquals(1L, await(log.backlog()));
  }

  /** Appends each list as one request, all from one event-loop tick, as concurrent HTTP requests do. */
  private Future<Void> inOneTick(List<List<Event>> requests) {
    Promise<Void> done = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> {
      List<Future<Void>> appends = new ArrayList<>();
      requests.forEach(events -> appends.add(log.append(events)));
      Future.all(appends).<Void>mapEmpty().onComplete(done);
    });
    return done.future();
  }

  private static Event event(int n) {
    return new Event("evt-" + String.format("%08d", n), "acme", "visitor-" + n, null, EventType.PAGEVIEW,
        "https://acme.com/" + n, null, "Page\nwith a line break", null, Map.of(), Map.of(), null, Map.of(), 0,
        1_700_000_000_000L + n, null);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
