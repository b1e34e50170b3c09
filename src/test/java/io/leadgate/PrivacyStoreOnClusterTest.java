package io.leadgate;

import io.leadgate.testing.OneInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The privacy ports on a Redis Cluster: tombstones per shard, erasures and the audit log on their own tags. */
class PrivacyStoreOnClusterTest extends PrivacyStoreContract {
  @RegisterExtension
  static final OneInstance redis = OneInstance.onCluster();

  @Override
  Stores stores() {
    return redis.stores();
  }
}
