package io.leadgate.webhooks;

import io.leadgate.webhooks.DeliveryLog.Attempt;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Speed-to-lead of one endpoint: how long a new lead took to reach it, from the form that made the lead (the
 * {@code lead.created} event's time) to the answer that delivered it, over the deliveries of a time range. Read from
 * the delivery log, so it covers at most the log's newest entries ({@code logMax}) and its {@code logTtl}.
 */
public final class SpeedToLead {
  private SpeedToLead() {
  }

  /**
   * @param attempts the endpoint's log, newest first
   * @param fromMs   first delivery time counted (inclusive)
   * @param toMs     last delivery time counted (exclusive)
   * @return {@code {leads, medianMs, p90Ms, maxMs}}, the times null when no lead was delivered in the range
   */
  public static JsonObject of(List<Attempt> attempts, long fromMs, long toMs) {
    long[] times = attempts.stream()
        .filter(a -> "delivered".equals(a.outcome()) && LeadEvents.CREATED.equals(a.type()) && a.eventAt() > 0)
        .filter(a -> a.at() >= fromMs && a.at() < toMs)
        .mapToLong(a -> Math.max(0, a.at() - a.eventAt())).sorted().toArray();
    JsonObject out = new JsonObject().put("leads", times.length);
    if (times.length == 0) {
      return out.putNull("medianMs").putNull("p90Ms").putNull("maxMs");
    }
    return out.put("medianMs", percentile(times, 50)).put("p90Ms", percentile(times, 90))
        .put("maxMs", times[times.length - 1]);
  }

  /** The nearest-rank percentile: the smallest time at least {@code p} percent of the times are at or under. */
  static long percentile(long[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
