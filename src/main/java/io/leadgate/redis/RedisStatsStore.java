package io.leadgate.redis;

import io.leadgate.stats.DailyStats;
import io.leadgate.stats.DailyTotals;
import io.leadgate.stats.StatsStore;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

final class RedisStatsStore implements StatsStore {
  static final LuaScript COUNT = LuaScript.load("count_daily");
  private final RedisClient redis;

  RedisStatsStore(RedisClient redis) {
    this.redis = redis;
  }

  @Override
  public Future<Void> count(String site, LocalDate day, DailyTotals totals, long ttlSeconds) {
    if (totals.isEmpty()) {
      return Future.succeededFuture();
    }
    List<String> keys = List.of(RedisKeys.daily(site, day, "ev"), RedisKeys.daily(site, day, "uv"),
        RedisKeys.daily(site, day, "pv"), RedisKeys.daily(site, day, "dl"), RedisKeys.daily(site, day, "src"));
    List<String> args = new ArrayList<>(Arrays.asList(Long.toString(ttlSeconds), Integer.toString(MAX_FIELDS),
        Integer.toString(totals.events().size()), Integer.toString(totals.visitors().size()),
        Integer.toString(totals.pageviews().size()), Integer.toString(totals.downloads().size()),
        Integer.toString(totals.sources().size())));
    addPairs(args, totals.events());
    args.addAll(totals.visitors());
    addPairs(args, totals.pageviews());
    addPairs(args, totals.downloads());
    addPairs(args, totals.sources());
    return redis.queueEval("count_daily", COUNT, keys, args).mapEmpty();
  }

  private static void addPairs(List<String> args, Map<String, Long> counts) {
    counts.forEach((field, n) -> {
      args.add(field);
      args.add(Long.toString(n));
    });
  }

  @Override
  public Future<DailyStats> daily(String site, LocalDate day) {
    return redis.batch("daily", List.of(
            Request.cmd(Command.PFCOUNT).arg(RedisKeys.daily(site, day, "uv")),
            Request.cmd(Command.HGETALL).arg(RedisKeys.daily(site, day, "ev")),
            Request.cmd(Command.HGETALL).arg(RedisKeys.daily(site, day, "pv")),
            Request.cmd(Command.HGETALL).arg(RedisKeys.daily(site, day, "dl")),
            Request.cmd(Command.HGETALL).arg(RedisKeys.daily(site, day, "src"))))
        .map(r -> new DailyStats(site, day.toString(), r.get(0).toLong(), counts(r.get(1)), counts(r.get(2)),
            counts(r.get(3)), counts(r.get(4))));
  }

  /** One PFCOUNT over the days' HyperLogLogs: it counts their union. The keys share the site's hash tag. */
  @Override
  public Future<Long> uniqueVisitors(String site, List<LocalDate> days) {
    if (days.isEmpty()) {
      return Future.succeededFuture(0L);
    }
    Request count = Request.cmd(Command.PFCOUNT);
    days.forEach(day -> count.arg(RedisKeys.daily(site, day, "uv")));
    return redis.send("pfcount", count).map(Response::toLong);
  }

  private static Map<String, Long> counts(Response flat) {
    Map<String, Long> counts = new TreeMap<>();
    RedisVisitorStore.toMap(flat).forEach((k, v) -> counts.put(k, Long.parseLong(v)));
    return counts;
  }
}
