package io.leadgate.admin;

import io.leadgate.admin.SessionStore.Session;
import io.leadgate.forms.RateLimitStore;
import io.leadgate.core.RateLimited;
import io.leadgate.core.Unauthorized;
import io.leadgate.http.Caller;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Console sign-in: checks a user's password (on a worker thread: BCrypt is slow on purpose), limits attempts per
 * user and per client address, and keeps sessions in the shared {@link SessionStore}. A session names its user
 * only; the role is the user's role in the configuration now, so a user removed or demoted loses it at once.
 */
public final class Sessions {
  /** The rate-limit counters' scope: not a form id (those are letters, digits and dashes), so never a form's. */
  static final String LIMIT_SCOPE = "_signin";

  private final ConsoleConfig config;
  private final Map<String, UserConfig> users;
  private final SessionStore store;
  private final RateLimitStore limits;
  private final Vertx vertx;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /** A new session: the cookie value and what the console needs to know. */
  public record SignedIn(String token, Caller caller, String csrf, long expiresAtMs) {
  }

  /** A session found by its cookie value. */
  public record Found(Caller caller, String csrf, long expiresAtMs) {
  }

  public Sessions(ConsoleConfig config, List<UserConfig> users, SessionStore store, RateLimitStore limits,
                  Vertx vertx, Clock clock) {
    this.config = config;
    this.users = users.stream().collect(Collectors.toUnmodifiableMap(UserConfig::name, Function.identity()));
    this.store = store;
    this.limits = limits;
    this.vertx = vertx;
    this.clock = clock;
  }

  /** Signs a user in: 401 for a wrong name or password (the same answer for both), 429 past the limits. */
  public Future<SignedIn> signIn(String name, String password, String clientAddress) {
    long window = config.window().toSeconds();
    int perUser = config.signInsPerUser();
    int perAddress = config.signInsPerAddress();
    return Future.all(limits.hit(LIMIT_SCOPE, "user", digest(name.toLowerCase(Locale.ROOT)), window),
            limits.hit(LIMIT_SCOPE, "ip", digest(String.valueOf(clientAddress)), window))
        .compose(hits -> {
          RateLimitStore.Window byUser = hits.resultAt(0);
          RateLimitStore.Window byAddress = hits.resultAt(1);
          if (byUser.count() > perUser || byAddress.count() > perAddress) {
            throw new RateLimited("too_many_sign_ins", "too many sign-in attempts; wait and try again",
                Math.max(byUser.count() > perUser ? byUser.resetsInSeconds() : 0,
                    byAddress.count() > perAddress ? byAddress.resetsInSeconds() : 0));
          }
          UserConfig user = users.get(name);
          String hash = user == null ? null : user.passwordHash();
          return vertx.executeBlocking(() -> Passwords.matches(password, hash), false)
              .compose(matched -> matched ? start(user)
                  : Future.failedFuture(new Unauthorized("invalid_credentials",
                      "the name or the password is wrong")));
        });
  }

  private Future<SignedIn> start(UserConfig user) {
    String token = randomToken();
    String csrf = randomToken();
    long ttl = config.ttl().toMillis();
    long expiresAt = clock.millis() + ttl;
    return store.save(digest(token), new Session(user.name(), csrf, expiresAt), ttl)
        .map(v -> new SignedIn(token, caller(user), csrf, expiresAt));
  }

  /** The session behind a cookie value, if it is live and its user is still configured. */
  public Future<Optional<Found>> find(String token) {
    if (token == null || token.isBlank() || token.length() > 100) {
      return Future.succeededFuture(Optional.empty());
    }
    return store.find(digest(token)).map(found -> found
        .filter(session -> session.expiresAtMs() > clock.millis())
        .flatMap(session -> Optional.ofNullable(users.get(session.user()))
            .map(user -> new Found(caller(user), session.csrf(), session.expiresAtMs()))));
  }

  /** How long a new session lasts. */
  public Duration ttl() {
    return config.ttl();
  }

  public Future<Void> signOut(String token) {
    return token == null || token.isBlank() ? Future.succeededFuture() : store.delete(digest(token));
  }

  private static Caller caller(UserConfig user) {
    return new Caller(user.name(), user.access(), true);
  }

  private String randomToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String digest(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
