package io.leadgate.admin;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Console passwords as BCrypt hashes (Spring Security Crypto's {@link BCrypt}). Hashing and checking take tens of
 * milliseconds on purpose: never call them on an event loop ({@link Sessions} runs them on a worker).
 */
public final class Passwords {
  /** 2^12 rounds: about a quarter of a second per check on a small server, slow enough for a guessed list. */
  public static final int COST = 12;
  private static final Pattern HASH = Pattern.compile("\\$2[aby]\\$(1[0-9]|2[0-9]|3[01])\\$[./A-Za-z0-9]{53}");
  /** BCrypt reads no more than this many bytes of a password. */
  public static final int MAX_BYTES = 72;

  private Passwords() {
  }

  /** Blocking: the hash of a new password, with a fresh salt. */
  public static String hash(String password) {
    if (password.isEmpty() || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalArgumentException("a password must be 1 to " + MAX_BYTES + " bytes long");
    }
    return BCrypt.hashpw(password, BCrypt.gensalt(COST));
  }

  /** Blocking: whether the password matches; with a null hash, it spends the same time and says no. */
  public static boolean matches(String password, String hash) {
    boolean usable = hash != null && password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    boolean matched = BCrypt.checkpw(usable ? password : "", usable ? hash : Nobody.HASH);
    return usable && matched;
  }

  /** Checked against when the user is unknown, so that the answer takes as long as for a known one. */
  private static final class Nobody {
    static final String HASH = BCrypt.hashpw("no such user", BCrypt.gensalt(COST));
  }

  public static boolean isHash(String text) {
    return HASH.matcher(text).matches();
  }
}
