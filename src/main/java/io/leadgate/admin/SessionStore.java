package io.leadgate.admin;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * Console sign-in sessions, shared by every gateway instance and forgotten after their time to live (on Redis: one
 * key per session with {@code PX}). The store sees only a digest of the session's cookie value, never the value.
 */
public interface SessionStore {

  /** Keeps a session for {@code ttlMs}; {@code digest} stands for the cookie value (SHA-256, hex). */
  Future<Void> save(String digest, Session session, long ttlMs);

  Future<Optional<Session>> find(String digest);

  Future<Void> delete(String digest);

  /**
   * A signed-in user's session.
   *
   * @param user        the user's name
   * @param csrf        the token the console sends back in {@code X-CSRF-Token} with every change
   * @param expiresAtMs when it ends (the store forgets it then too)
   */
  record Session(String user, String csrf, long expiresAtMs) {
  }
}
