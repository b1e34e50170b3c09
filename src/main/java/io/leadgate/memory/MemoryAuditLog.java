package io.leadgate.memory;

import io.leadgate.privacy.AuditLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The audit log in this process: the newest {@link #MAX_ENTRIES}, positions counting up. */
final class MemoryAuditLog implements AuditLog {
  private final ArrayDeque<JsonObject> entries = new ArrayDeque<>();
  private long sequence;

  @Override
  public synchronized Future<Void> append(JsonObject entry) {
    entries.addFirst(entry.copy().put("position", ++sequence + "-0"));
    while (entries.size() > MAX_ENTRIES) {
      entries.removeLast();
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<List<JsonObject>> page(String before, int limit) {
    long below = before == null ? Long.MAX_VALUE : number(before);
    List<JsonObject> page = new ArrayList<>();
    for (Iterator<JsonObject> it = entries.iterator(); it.hasNext() && page.size() < limit; ) {
      JsonObject entry = it.next();
      if (number(entry.getString("position")) < below) {
        page.add(entry.copy());
      }
    }
    return Future.succeededFuture(page);
  }

  private static long number(String position) {
    return Long.parseLong(position.split("-", 2)[0]);
  }
}
