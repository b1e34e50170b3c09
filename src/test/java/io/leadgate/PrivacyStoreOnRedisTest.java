package io.leadgate;

import io.leadgate.testing.OneInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

class PrivacyStoreOnRedisTest extends PrivacyStoreContract {
  @RegisterExtension
  static final OneInstance redis = OneInstance.onServer();

  @Override
  Stores stores() {
    return redis.stores();
  }
}
