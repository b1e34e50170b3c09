package io.leadgate.http;

/**
 * Who makes an API request: a console user signed in with a session, or the holder of an API key.
 *
 * @param name    the user's or the key's configured name
 * @param role    what it may do
 * @param session whether it came with a session cookie (then state changes need the CSRF checks)
 */
public record Caller(String name, Role role, boolean session) {

  /** How a change by this caller is recorded in a lead's or an endpoint's history: {@code user:NAME} or {@code api:NAME}. */
  public String by() {
    return (session ? "user:" : "api:") + name;
  }
}
