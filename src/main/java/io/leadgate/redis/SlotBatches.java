package io.leadgate.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.RequestImpl;
import io.vertx.redis.client.impl.ZModem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Splits a pipelined batch by hash slot for Redis Cluster, whose client sends a batch to one node and refuses one
 * whose keys live on several. Each slot's requests go as their own batch, in their order, all at once; the
 * replies come back in the order of the requests, and any failure fails the whole, as one batch would.
 *
 * <p>A {@code MULTI … EXEC} stays in one piece, on the slot of its first key; a request without keys ({@code WAIT},
 * {@code PING}) goes with the request before it, so a {@code WAIT} follows the write it waits for on the same
 * connection. The key of a request is read with the client's own key locator ({@code RequestImpl.keys()}, the same
 * the client routes by), since the public API has none.
 */
final class SlotBatches {
  private SlotBatches() {
  }

  static Future<List<Response>> send(List<Request> requests, Function<List<Request>, Future<List<Response>>> batch) {
    Map<Integer, List<Integer>> bySlot = group(requests);
    if (bySlot.size() <= 1) {
      return batch.apply(requests);
    }
    List<Future<List<Response>>> sent = new ArrayList<>();
    List<List<Integer>> positions = new ArrayList<>(bySlot.values());
    for (List<Integer> indexes : positions) {
      List<Request> part = new ArrayList<>(indexes.size());
      indexes.forEach(i -> part.add(requests.get(i)));
      sent.add(batch.apply(part));
    }
    return Future.all(sent).map(all -> {
      Response[] replies = new Response[requests.size()];
      for (int p = 0; p < positions.size(); p++) {
        List<Response> part = all.resultAt(p);
        List<Integer> indexes = positions.get(p);
        for (int i = 0; i < indexes.size(); i++) {
          replies[indexes.get(i)] = part.get(i);
        }
      }
      return java.util.Arrays.asList(replies);
    });
  }

  /** The requests' indexes by the slot they go to, in order; slot -1 holds a batch with no keys at all. */
  static Map<Integer, List<Integer>> group(List<Request> requests) {
    int[] slots = new int[requests.size()];
    int unit = -1;
    int unitSlot = -1;
    int previous = -1;
    for (int i = 0; i < requests.size(); i++) {
      Request request = requests.get(i);
      Command command = request.command();
      if (command == Command.MULTI) {
        unit = i;
        unitSlot = -1;
      }
      int slot = slotOf(request);
      if (unit >= 0 && slot >= 0 && unitSlot < 0) {
        unitSlot = slot;
      }
      slots[i] = slot;
      if (unit >= 0 && command == Command.EXEC) {
        for (int j = unit; j <= i; j++) {
          slots[j] = unitSlot;
        }
        unit = -1;
        previous = unitSlot;
        continue;
      }
      if (unit < 0) {
        slots[i] = slot >= 0 ? slot : previous;
        previous = slots[i];
      }
    }
    // keyless requests before the first keyed one go with it
    int first = -1;
    for (int i = 0; i < slots.length && first < 0; i++) {
      first = slots[i];
    }
    Map<Integer, List<Integer>> bySlot = new LinkedHashMap<>();
    for (int i = 0; i < slots.length; i++) {
      bySlot.computeIfAbsent(slots[i] >= 0 ? slots[i] : first, k -> new ArrayList<>()).add(i);
    }
    return bySlot;
  }

  /** The hash slot of a request's first key, or -1 when it has none. */
  static int slotOf(Request request) {
    List<byte[]> keys = ((RequestImpl) request).keys();
    return keys.isEmpty() ? -1 : ZModem.generate(keys.get(0));
  }
}
