package io.leadgate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.collect.Projection;
import io.leadgate.core.Event;
import io.leadgate.core.EventType;
import io.leadgate.identity.Visitor;
import io.leadgate.identity.VisitorStore.Recorded;
import io.leadgate.identity.VisitorStore.Recording;
import io.leadgate.identity.VisitorStore.Retention;
import io.leadgate.ops.Metrics;
import io.leadgate.testing.RedisServer;
import io.leadgate.testing.TestRedis;
import io.vertx.core.Future;
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
 * The visitor store reads a call's visitors, decides what the events change in Java, and writes that only if no
 * other writer changed them in between: else it reads them again. So two projectors (two gateway instances) and the
 * forms that link visitors to leads can write one visitor at once, and every event still counts once.
 */
class RedisVisitorStoreTest {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perClass();
  private static final Retention RETENTION = new Retention(86_400, 500, Projection.SESSION_GAP_MS);
  private static final long T0 = 1_733_390_000_000L;
  Vertx vertx;
  RedisStores one;
  RedisStores other;

  @BeforeEach
  void connect() {
    redis.flush();
    vertx = Vertx.vertx();
    one = await(RedisStores.start(vertx, TestRedis.config(redis.url()), 1, new Metrics()));
    other = await(RedisStores.start(vertx, TestRedis.config(redis.url()), 1, new Metrics()));
  }

  @AfterEach
  void close() {
    one.close();
    other.close();
    vertx.close();
  }

  @Test
  void twoProjectorsRecordingOneVisitorAtOnce_countEveryEventOnce() {
    redis.command("CONFIG", "RESETSTAT");
    await(Future.all(projector(one, "a", 50), projector(other, "b", 50)));

    Visitor visitor = await(one.visitors().visitor("acme", "v1")).orElseThrow();
    assertEquals(400, visitor.counts().getLong("pageviews"));
    assertEquals(400, await(one.visitors().timeline("acme", "v1", 500)).size());
    assertTrue(evalshaCalls() > 200, "the two stores' reads and writes never interleaved: nothing was tested");
  }

  @Test
  void anEventBothProjectorsRecordAtOnce_isFreshForOneOfThemOnly() {
    List<Recorded> recorded = new ArrayList<>();
    await(Future.all(projector(one, "same", 50).onSuccess(recorded::addAll),
        projector(other, "same", 50).onSuccess(recorded::addAll)));
    long fresh = recorded.stream().filter(Recorded::fresh).count();

    assertEquals(200, fresh);
    assertEquals(200, await(one.visitors().visitor("acme", "v1")).orElseThrow().counts().getLong("pageviews"));
  }

  @Test
  void visitorsLinkedToTheirLeadsWhileTheirEventsAreRecorded_keepTheLinkAndEveryEvent() {
    Future<Void> projected = Future.succeededFuture();
    for (int call = 0; call < 50; call++) {
      List<Recording> batch = new ArrayList<>();
      for (int visitor = 1; visitor <= 10; visitor++) {
        batch.addAll(recordings("v" + visitor, "a" + call, call));
      }
      projected = projected.compose(v -> one.visitors().record(batch)).mapEmpty();
    }
    List<Future<Boolean>> links = new ArrayList<>();
    for (int visitor = 1; visitor <= 10; visitor++) {
      String id = "v" + visitor;
      links.add(vertx.timer(3L * visitor).compose(t -> other.leads().linkIdentifiedVisitor("lead-" + id, "acme", id)));
    }
    await(Future.all(projected, Future.all(links)));

    for (int visitor = 1; visitor <= 10; visitor++) {
      Visitor stored = await(one.visitors().visitor("acme", "v" + visitor)).orElseThrow();
      assertEquals("lead-v" + visitor, stored.leadId());
      assertEquals(200, stored.counts().getLong("pageviews"));
    }
  }

  @Test
  void visitorsOfManyShards_areRecordedInCallsOfSeveralShardsOnOneServer() {
    List<Recording> batch = new ArrayList<>();
    for (int visitor = 1; visitor <= 32; visitor++) {
      batch.add(recordings("v" + visitor, "x", 0).get(0));
    }
    await(one.visitors().record(List.of(batch.get(0)))); // the scripts loaded: what follows is counted alone
    redis.command("CONFIG", "RESETSTAT");

    List<Recorded> recorded = await(one.visitors().record(batch.subList(1, batch.size())));

    assertTrue(recorded.stream().allMatch(Recorded::fresh));
    for (int visitor = 1; visitor <= 32; visitor++) {
      assertEquals(1, await(one.visitors().visitor("acme", "v" + visitor)).orElseThrow().counts().getLong("pageviews"));
    }
    // 31 visitors of many shards: a call per shard took 62 scripts here, a read and a write each
    assertTrue(evalshaCalls() <= 8, "script calls: " + evalshaCalls());
  }

  /** A projector's calls: one batch at a time, as an instance's projector records them. */
  private static Future<List<Recorded>> projector(RedisStores stores, String prefix, int calls) {
    List<Recorded> recorded = new ArrayList<>();
    Future<Void> done = Future.succeededFuture();
    for (int call = 0; call < calls; call++) {
      int number = call;
      done = done.compose(v -> stores.visitors().record(recordings(prefix + number, number))
          .map(batch -> recorded.addAll(batch)).mapEmpty());
    }
    return done.map(v -> recorded);
  }

  private long evalshaCalls() {
    String stats = redis.command("INFO", "commandstats");
    int at = stats.indexOf("cmdstat_evalsha:calls=");
    return Long.parseLong(stats.substring(at + 22, stats.indexOf(',', at)));
  }

  private static List<Recording> recordings(String prefix, int call) {
    return recordings("v1", prefix, call);
  }

  /** Four page views of a visitor, a minute apart, with ids made of the prefix. */
  private static List<Recording> recordings(String visitor, String prefix, int call) {
    List<Recording> recordings = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Event event = new Event(visitor + prefix + "-" + i, "acme", visitor, null, EventType.PAGEVIEW,
          "https://acme.example/page/" + i, null, null, null, Map.of(), Map.of(), null, Map.of(), 0,
          T0 + (call * 4L + i) * 60_000, null);
      recordings.add(new Recording(event, Projection.visitorRecord(event), RETENTION));
    }
    return recordings;
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
