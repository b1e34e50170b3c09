package io.leadgate.memory;

import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Redis Stream with one consumer group, in this process: entries are delivered to one consumer each, stay
 * pending until acknowledged, and can be claimed by another consumer once they have been idle long enough.
 */
public final class MemoryStream<T> {
  private final LinkedHashMap<String, T> undelivered = new LinkedHashMap<>();
  private final Map<String, Pending<T>> pending = new LinkedHashMap<>();
  private final List<Promise<Void>> waiting = new ArrayList<>();
  private long sequence;

  /** One entry: its id (increasing, like a stream id) and value. */
  public record Entry<T>(String id, T value) {
  }

  private record Pending<T>(T value, String consumer, long deliveredAt) {
  }

  @SuppressWarnings("unchecked")
  static <T> MemoryStream<T>[] array(int size) {
    MemoryStream<T>[] streams = new MemoryStream[size];
    for (int i = 0; i < size; i++) {
      streams[i] = new MemoryStream<>();
    }
    return streams;
  }

  public String append(T value) {
    String id;
    List<Promise<Void>> woken;
    synchronized (this) {
      id = ++sequence + "-0";
      undelivered.put(id, value);
      woken = new ArrayList<>(waiting);
      waiting.clear();
    }
    // outside the lock: a woken reader may call back into this stream (deliver, forget) on this thread
    woken.forEach(Promise::tryComplete);
    return id;
  }

  /** Drops the entries whose value matches, delivered or not (an erasure); completes with how many. */
  public synchronized int removeIf(java.util.function.Predicate<T> matches) {
    int before = undelivered.size() + pending.size();
    undelivered.values().removeIf(matches);
    pending.values().removeIf(p -> matches.test(p.value()));
    return before - undelivered.size() - pending.size();
  }

  /** Completes the promise as soon as there is something to deliver. */
  public synchronized void onAppend(Promise<Void> promise) {
    if (!undelivered.isEmpty()) {
      promise.tryComplete();
    } else {
      waiting.add(promise);
    }
  }

  public synchronized List<Entry<T>> deliver(String consumer, int max, long now) {
    List<Entry<T>> out = new ArrayList<>();
    Iterator<Map.Entry<String, T>> it = undelivered.entrySet().iterator();
    while (it.hasNext() && out.size() < max) {
      Map.Entry<String, T> entry = it.next();
      it.remove();
      pending.put(entry.getKey(), new Pending<>(entry.getValue(), consumer, now));
      out.add(new Entry<>(entry.getKey(), entry.getValue()));
    }
    return out;
  }

  /** Drops a promise given to {@link #onAppend} that is no longer waited on (it timed out). */
  public synchronized void forget(Promise<Void> promise) {
    waiting.remove(promise);
  }

  /** The values of pending entries older than {@code id}, in stream order. */
  public synchronized List<T> pendingBefore(String id) {
    long before = Long.parseLong(id.substring(0, id.indexOf('-')));
    return pending.entrySet().stream()
        .filter(e -> Long.parseLong(e.getKey().substring(0, e.getKey().indexOf('-'))) < before)
        .map(e -> e.getValue().value()).toList();
  }

  public synchronized boolean isPending(String id) {
    return pending.containsKey(id);
  }

  public synchronized List<Entry<T>> pendingOf(String consumer, int max) {
    return pending.entrySet().stream().filter(e -> e.getValue().consumer().equals(consumer)).limit(max)
        .map(e -> new Entry<>(e.getKey(), e.getValue().value())).toList();
  }

  public synchronized List<Entry<T>> claim(String consumer, long deliveredBefore, int max, long now) {
    List<Entry<T>> out = new ArrayList<>();
    for (Map.Entry<String, Pending<T>> entry : pending.entrySet()) {
      if (out.size() >= max) {
        break;
      }
      if (entry.getValue().deliveredAt() <= deliveredBefore) {
        entry.setValue(new Pending<>(entry.getValue().value(), consumer, now));
        out.add(new Entry<>(entry.getKey(), entry.getValue().value()));
      }
    }
    return out;
  }

  /** Acknowledges the entries; returns how many were pending. */
  public synchronized int ack(List<String> ids) {
    int acked = 0;
    for (String id : ids) {
      if (pending.remove(id) != null) {
        acked++;
      }
    }
    return acked;
  }

  /** Entries not yet acknowledged. */
  public synchronized long size() {
    return undelivered.size() + pending.size();
  }
}
