package io.leadgate.accounts;

import io.leadgate.Stores;
import io.leadgate.testing.TwoInstances;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The account contract on a Redis Cluster: accounts and their leads on different shards, two instances writing. */
class AccountStoreOnClusterTest extends AccountStoreContract {
  @RegisterExtension
  static final TwoInstances redis = TwoInstances.onCluster();

  @Override
  protected Stores stores() {
    return redis.first();
  }

  @Override
  protected Stores otherInstance() {
    return redis.second();
  }
}
