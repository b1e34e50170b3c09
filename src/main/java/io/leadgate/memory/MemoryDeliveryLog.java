package io.leadgate.memory;

import io.leadgate.webhooks.DeliveryLog;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The delivery log in this process: capped lists that are dropped a while after their last entry, as on Redis. */
final class MemoryDeliveryLog implements DeliveryLog {
  private final Clock clock;
  private final Map<String, Log> endpoints = new HashMap<>();
  private final Map<String, Log> leads = new HashMap<>();
  private long writes;

  private static final class Log {
    final ArrayDeque<Attempt> attempts = new ArrayDeque<>();
    long expiresAt;
  }

  MemoryDeliveryLog(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Future<Void> record(Attempt attempt, int endpointMax, int leadMax, long ttlMs) {
    long now = clock.millis();
    push(endpoints, attempt.endpoint(), attempt, endpointMax, now + ttlMs);
    push(leads, attempt.leadId(), attempt, leadMax, now + ttlMs);
    if (++writes % 1000 == 0) {
      expire(endpoints, now);
      expire(leads, now);
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<List<Attempt>> forEndpoint(String endpoint, int max) {
    return Future.succeededFuture(read(endpoints, endpoint, null, max));
  }

  @Override
  public synchronized Future<List<Attempt>> forLead(String leadId, String endpoint, int max) {
    return Future.succeededFuture(read(leads, leadId, endpoint, max));
  }

  @Override
  public synchronized Future<Void> eraseLead(String endpoint, String leadId) {
    if (endpoint == null) {
      leads.remove(leadId);
    } else if (endpoints.containsKey(endpoint)) {
      endpoints.get(endpoint).attempts.removeIf(a -> leadId.equals(a.leadId()));
    }
    return Future.succeededFuture();
  }

  private List<Attempt> read(Map<String, Log> logs, String key, String endpoint, int max) {
    Log log = logs.get(key);
    List<Attempt> out = new ArrayList<>();
    if (log == null || log.expiresAt <= clock.millis()) {
      return out;
    }
    for (Attempt attempt : log.attempts) {
      if (out.size() >= max) {
        break;
      }
      if (endpoint == null || endpoint.equals(attempt.endpoint())) {
        out.add(attempt);
      }
    }
    return out;
  }

  private static void push(Map<String, Log> logs, String key, Attempt attempt, int max, long expiresAt) {
    Log log = logs.computeIfAbsent(key, k -> new Log());
    log.attempts.addFirst(attempt);
    while (log.attempts.size() > max) {
      log.attempts.removeLast();
    }
    log.expiresAt = expiresAt;
  }

  private static void expire(Map<String, Log> logs, long now) {
    for (Iterator<Log> it = logs.values().iterator(); it.hasNext(); ) {
      if (it.next().expiresAt <= now) {
        it.remove();
      }
    }
  }
}
