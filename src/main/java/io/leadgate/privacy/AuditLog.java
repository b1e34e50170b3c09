package io.leadgate.privacy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Who read personal data or erased it, when, and what: a capped log shared by every instance, newest first.
 * Best effort as a metrics line is not: an entry that cannot be written is logged as a warning.
 */
public interface AuditLog {
  /** Entries kept (about as many on Redis, where the stream is trimmed with {@code MAXLEN ~}). */
  int MAX_ENTRIES = 100_000;

  /** Appends an entry ({@code at, who, action, what, subject}). */
  Future<Void> append(JsonObject entry);

  /**
   * A page of entries, newest first, before the position {@code before} (null: the newest).
   *
   * @return the entries, each with its {@code position} (the cursor of the next page is the last one's)
   */
  Future<List<JsonObject>> page(String before, int limit);
}
