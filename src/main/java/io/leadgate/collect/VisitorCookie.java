package io.leadgate.collect;

import io.leadgate.config.SiteConfig;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.regex.Pattern;

/**
 * The visitor id in the gateway's own cookie, where a site serves the gateway under its own domain
 * ({@code sites[].firstPartyPath}): HttpOnly, Secure, SameSite=Lax, for 382 days, set by the gateway's answer to an
 * event. Safari caps what a script stores (cookies and storage) at 7 days; a cookie set by a same-site server answer
 * is not capped so, and returning visitors stay who they were. The script cannot read it: the gateway takes its id
 * over the one an event carries (docs/privacy.md).
 *
 * <p>It is read and written only for requests the browser marks {@code Sec-Fetch-Site: same-origin}: then every
 * request of the snippet (fetch, beacon, the forms module) carries it, and a gateway on another domain never sets a
 * third-party cookie.
 */
public final class VisitorCookie {
  public static final String NAME = "_lg_id";
  /** 33e6 s, as the snippet once kept its own cookie: under the 13 months an audience cookie may live. */
  public static final long MAX_AGE_SECONDS = 33_000_000L;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

  private VisitorCookie() {
  }

  /** What the answer does to the cookie. */
  public sealed interface Action permits Keep, Clear, Leave {
  }

  /** Sets (or renews) the cookie with this visitor id. */
  public record Keep(String visitorId) implements Action {
  }

  /** Ends the cookie: consent was withdrawn, or the browser sends a privacy signal. */
  public record Clear() implements Action {
  }

  /** Leaves it as it is. */
  public record Leave() implements Action {
  }

  public static final Action LEAVE = new Leave();
  public static final Action CLEAR = new Clear();

  /** Whether the request may carry (and get) the cookie: same origin as the page, as only a first-party path is. */
  public static boolean applies(HttpServerRequest request) {
    return "same-origin".equals(request.getHeader("Sec-Fetch-Site"));
  }

  /** The id the request's cookie holds, if it applies and holds a valid one. */
  public static String read(HttpServerRequest request) {
    if (!applies(request)) {
      return null;
    }
    Cookie cookie = request.getCookie(NAME);
    return cookie != null && ID.matcher(cookie.getValue()).matches() ? cookie.getValue() : null;
  }

  /** Applies the action to the answer, for the site's first-party path. */
  public static void apply(HttpServerRequest request, HttpServerResponse response, SiteConfig site, Action action) {
    if (site == null || site.firstPartyPath() == null || !applies(request) || action instanceof Leave) {
      return;
    }
    boolean keep = action instanceof Keep;
    Cookie cookie = Cookie.cookie(NAME, keep ? ((Keep) action).visitorId() : "")
        .setPath(site.firstPartyPath())
        .setMaxAge(keep ? MAX_AGE_SECONDS : 0)
        .setHttpOnly(true)
        .setSecure(true)
        .setSameSite(CookieSameSite.LAX);
    response.addCookie(cookie);
  }
}
