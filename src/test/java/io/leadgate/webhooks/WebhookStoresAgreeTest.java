package io.leadgate.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leadgate.ConfigLoader;
import io.leadgate.GatewayConfig;
import io.leadgate.Stores;
import io.leadgate.core.DomainEvent;
import io.leadgate.memory.MemoryStores;
import io.leadgate.ops.Metrics;
import io.leadgate.redis.RedisStores;
import io.leadgate.testing.RedisServer;
import io.leadgate.webhooks.OutboxReader.OutboxEntry;
import io.leadgate.webhooks.WebhookStore.Completion;
import io.leadgate.webhooks.WebhookStore.DeadLetter;
import io.leadgate.webhooks.WebhookStore.FanOutOptions;
import io.leadgate.webhooks.WebhookStore.Job;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The queue rules of webhook delivery live once, in the Redis store's scripts: a lead's later event waits for an
 * earlier one still being fanned out elsewhere, only the head of a lead's queue is on its way, a retry holds up its
 * lead until due, replays, dead letters capped per endpoint and shard. The in-memory store is checked against them
 * here: the same generated sequences of operations (several leads, endpoints and consumers) go to both, and every
 * answer must be the same. A failure names the seed and the steps, so it can be replayed.
 */
class WebhookStoresAgreeTest {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perClass();

  static final int SEQUENCES = 40;
  static final int STEPS = 80;
  static final int DEAD_CAP = 2;
  static final List<String> ENDPOINTS = List.of("crm", "erp");
  static final List<String> LEADS = List.of("lead-a", "lead-b", "lead-c", "lead-d", "lead-e");
  static final List<String> CONSUMERS = List.of("c1", "c2");
  static final Comparator<Job> CANONICAL = Comparator.comparing(Job::endpoint).thenComparingInt(Job::shard)
      .thenComparing(Job::eventId).thenComparingInt(Job::attempt);

  Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  @Test
  void generatedSequencesOfFanOutTakeSettleRetryAndReplay_getTheSameAnswersFromBothStores() {
    for (int seed = 0; seed < SEQUENCES; seed++) {
      redis.flush();
      GatewayConfig config = new ConfigLoader().parse("sites: [{key: demo}]\nredis: {url: \"" + redis.url() + "\"}",
          "test.yaml");
      Stores onRedis = Stores.of(await(RedisStores.start(vertx, config.redis(), config.ingest().partitions(),
          new Metrics())));
      Stores inMemory = Stores.of(new MemoryStores(vertx, Clock.systemUTC(), 2));
      try {
        new Run(seed, new Side(onRedis), new Side(inMemory)).play();
      } finally {
        await(onRedis.close());
        await(inMemory.close());
      }
    }
  }

  /** One store and what the test holds of it: outbox entries read and jobs taken, per consumer. */
  static final class Side {
    final Stores stores;
    final WebhookStore store;
    final List<List<OutboxEntry>> entries = List.of(new ArrayList<>(), new ArrayList<>());
    final List<List<Job>> jobs = List.of(new ArrayList<>(), new ArrayList<>());

    Side(Stores stores) {
      this.stores = stores;
      this.store = stores.webhooks();
      await(store.prepare(ENDPOINTS));
    }
  }

  static final class Run {
    final int seed;
    final Random random;
    final Side redis;
    final Side memory;
    final List<String> steps = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final Set<Long> times = new HashSet<>();
    long now = 1_000_000;

    Run(int seed, Side redis, Side memory) {
      this.seed = seed;
      this.random = new Random(seed);
      this.redis = redis;
      this.memory = memory;
    }

    void play() {
      for (int step = 0; step < STEPS; step++) {
        now += random.nextInt(3000);
        int consumer = random.nextInt(CONSUMERS.size());
        String endpoint = pick(ENDPOINTS);
        switch (random.nextInt(12)) {
          case 0, 1, 2 -> append();
          case 3 -> same("read " + consumer, side -> read(side, consumer));
          case 4 -> same("claim outbox entries for " + consumer, side -> claimEntries(side, consumer));
          case 5 -> fanOut(consumer);
          case 6, 7 -> same("take " + consumer, side -> take(side, consumer));
          case 8, 9 -> complete(consumer);
          case 10 -> same("promote " + endpoint + " at " + now, side -> await(side.store.promoteDue(endpoint, now, 100)));
          default -> replay(endpoint, consumer);
        }
      }
      for (String endpoint : ENDPOINTS) {
        same("queued " + endpoint, side -> await(side.store.queued(endpoint)));
        same("dead letters of " + endpoint, side -> deadIds(side, endpoint, 0, 100));
      }
    }

    void append() {
      String lead = pick(LEADS);
      DomainEvent event = new DomainEvent("e" + events.size(), "lead.updated", "demo", lead, events.size(), now,
          new JsonObject().put("n", events.size()));
      events.add(event.id());
      steps.add("append " + event.id() + " of " + lead);
      await(redis.stores.outbox().append(event));
      await(memory.stores.outbox().append(event));
    }

    List<String> read(Side side, int consumer) {
      return hold(side, consumer, await(side.stores.outboxReader()
          .read(WebhookStore.FANOUT_GROUP, CONSUMERS.get(consumer), 100, 0)));
    }

    /** Another consumer's entries, as if it had gone silent: fanning them out twice queues them once. */
    List<String> claimEntries(Side side, int consumer) {
      return hold(side, consumer, await(side.stores.outboxReader()
          .claimStale(WebhookStore.FANOUT_GROUP, CONSUMERS.get(consumer), 0, 100)));
    }

    List<String> hold(Side side, int consumer, List<OutboxEntry> entries) {
      List<OutboxEntry> read = new ArrayList<>(entries);
      read.sort(Comparator.comparingInt(OutboxEntry::shard).thenComparing(e -> e.event().id()));
      side.entries.get(consumer).addAll(read);
      return read.stream().map(e -> e.event().id()).toList();
    }

    void fanOut(int consumer) {
      if (memory.entries.get(consumer).isEmpty()) {
        return;
      }
      int index = random.nextInt(memory.entries.get(consumer).size());
      List<String> live = new ArrayList<>();
      List<String> disabled = new ArrayList<>();
      ENDPOINTS.forEach(e -> (random.nextInt(4) == 0 ? disabled : live).add(e));
      FanOutOptions options = new FanOutOptions(unique(now), 60_000, DEAD_CAP, "disabled");
      same("fan out entry " + index + " of " + consumer + " to " + live + ", disabled " + disabled, side -> {
        OutboxEntry entry = side.entries.get(consumer).get(index);
        WebhookStore.FanOut result = await(side.store.fanOut(entry, live, disabled, options));
        if (result != WebhookStore.FanOut.WAIT) {
          side.entries.get(consumer).remove(index);
        }
        return entry.event().id() + " " + result;
      });
    }

    List<String> take(Side side, int consumer) {
      List<Job> taken = new ArrayList<>(await(side.store.take(CONSUMERS.get(consumer), ENDPOINTS, 0)));
      taken.sort(CANONICAL);
      side.jobs.get(consumer).addAll(taken);
      return describe(taken);
    }

    void complete(int consumer) {
      if (memory.jobs.get(consumer).isEmpty()) {
        return;
      }
      int index = random.nextInt(memory.jobs.get(consumer).size());
      int kind = random.nextInt(3);
      long when = unique(now + random.nextInt(5000));
      same("settle job " + index + " of " + consumer + " as " + List.of("delivered", "retry", "dead").get(kind)
          + " at " + when, side -> {
            Job job = side.jobs.get(consumer).remove(index);
            Completion completion = switch (kind) {
              case 0 -> Completion.delivered();
              case 1 -> Completion.retry(when, job.attempt() + 1);
              default -> Completion.dead(new DeadLetter(job.endpoint(), job.event(), job.attempt(), 500, "refused",
                  when));
            };
            return job.eventId() + " " + await(side.store.complete(job, completion, DEAD_CAP));
          });
    }

    void replay(String endpoint, int consumer) {
      switch (random.nextInt(4)) {
        case 0 -> {
          String eventId = events.isEmpty() || random.nextInt(5) == 0 ? "no-such-event" : pick(events);
          same("replay " + eventId + " to " + endpoint, side -> await(side.store.replay(endpoint, eventId)));
        }
        case 1 -> {
          long since = now - random.nextInt(20_000);
          same("replay dead letters of " + endpoint + " since " + since,
              side -> await(side.store.replayDead(endpoint, since, 100)));
        }
        case 2 -> same("claim " + endpoint + " for " + consumer, side -> {
          List<Job> claimed = new ArrayList<>(await(side.store.claimStale(CONSUMERS.get(consumer), endpoint, 0, 100)));
          claimed.sort(CANONICAL);
          side.jobs.get(consumer).addAll(claimed);
          return describe(claimed);
        });
        default -> same("dead letters of " + endpoint, side -> deadIds(side, endpoint, now - 10_000, 3));
      }
    }

    static List<String> deadIds(Side side, String endpoint, long since, int max) {
      return await(side.store.deadLetters(endpoint, since, max)).stream()
          .map(d -> d.event().id() + "@" + d.deadAtMs() + "#" + d.attempts()).toList();
    }

    static List<String> describe(List<Job> jobs) {
      return jobs.stream().map(j -> j.endpoint() + "/" + j.shard() + "/" + j.eventId() + "#" + j.attempt()).toList();
    }

    <T> void same(String step, Function<Side, T> operation) {
      steps.add(step);
      T onRedis = operation.apply(redis);
      T inMemory = operation.apply(memory);
      assertEquals(onRedis, inMemory, () -> "seed " + seed + ", the in-memory store answered otherwise than Redis to "
          + "the last of these steps:\n  " + String.join("\n  ", steps));
    }

    /** A time no other dead letter or retry has, so that both stores' orders are fully determined. */
    long unique(long at) {
      while (!times.add(at)) {
        at++;
      }
      return at;
    }

    <T> T pick(List<T> list) {
      return list.get(random.nextInt(list.size()));
    }
  }

  static <T> T await(Future<T> future) {
    try {
      return future.await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
