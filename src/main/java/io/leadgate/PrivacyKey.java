package io.leadgate;

import io.leadgate.core.KeyedHash;
import io.leadgate.privacy.ErasureStore;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.logging.Logger;

/**
 * The key of the privacy hashes (tombstones of erased people, {@code lead.erased}'s email hash, audit subjects). It
 * must be the same on every instance and across restarts, or a tombstone would no longer match: derived from the
 * configuration's {@code secret} when there is one; otherwise generated once and kept in the store
 * ({@code lg:{pv}:key} on Redis, set by the first instance to start; in the in-memory store, for the process).
 */
final class PrivacyKey {
  private static final Logger LOG = Logger.getLogger(PrivacyKey.class.getName());

  private PrivacyKey() {
  }

  static Future<KeyedHash> of(String secret, ErasureStore store) {
    if (secret != null) {
      return Future.succeededFuture(new KeyedHash(sha256("leadgate privacy " + secret)));
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String candidate = HexFormat.of().formatHex(random);
    return store.key(candidate)
        .map(stored -> new KeyedHash(HexFormat.of().parseHex(stored)))
        .recover(e -> {
          // a store that is down at start must not stop the gateway; tombstones written meanwhile will not match
          // the stored key's later: set secret in the configuration to avoid this
          LOG.warning("privacy key: the store did not answer (" + e.getMessage() + "); using a key for this process "
              + "only until restart. Set `secret` in the configuration to make it stable.");
          return Future.succeededFuture(new KeyedHash(random));
        });
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
