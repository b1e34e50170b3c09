package io.leadgate.redis;

import io.leadgate.forms.FormCountStore;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One hash per site and day ({@link RedisKeys#daily} kind {@code forms}): field {@code <form>|<outcome>}, counted
 * with {@code HINCRBY}; the hash expires {@code keepDays} after its day. A report reads one hash per day.
 */
final class RedisFormCountStore implements FormCountStore {
  static final String KIND = "forms";
  private final RedisClient redis;

  RedisFormCountStore(RedisClient redis) {
    this.redis = redis;
  }

  @Override
  public Future<Void> add(String site, LocalDate day, String form, String outcome, int keepDays) {
    String key = RedisKeys.daily(site, day, KIND);
    long expiresAt = day.plusDays(keepDays + 1L).toEpochDay() * 86_400L;
    return redis.batch("form_count", List.of(
            Request.cmd(Command.HINCRBY).arg(key).arg(form + "|" + outcome).arg(1),
            Request.cmd(Command.EXPIREAT).arg(key).arg(expiresAt)))
        .mapEmpty();
  }

  @Override
  public Future<Map<String, Map<String, Long>>> read(String site, List<LocalDate> days) {
    List<Request> reads = new ArrayList<>(days.size());
    days.forEach(day -> reads.add(Request.cmd(Command.HGETALL).arg(RedisKeys.daily(site, day, KIND))));
    if (reads.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return redis.batch("form_counts", reads).map(replies -> {
      Map<String, Map<String, Long>> sum = new TreeMap<>();
      for (Response hash : replies) {
        RedisVisitorStore.toMap(hash).forEach((field, count) -> {
          int bar = field.indexOf('|');
          sum.computeIfAbsent(field.substring(0, bar), f -> new TreeMap<>())
              .merge(field.substring(bar + 1), Long.parseLong(count), Long::sum);
        });
      }
      return sum;
    });
  }
}
