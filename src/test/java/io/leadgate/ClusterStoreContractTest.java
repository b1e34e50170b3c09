package io.leadgate;

import io.leadgate.testing.OneInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The projection's stores (event log, visitors, daily counts) on a Redis Cluster. */
class ClusterStoreContractTest extends StoreContract {
  @RegisterExtension
  static final OneInstance redis = OneInstance.onCluster();

  @Override
  Stores stores() {
    return redis.stores();
  }
}
