package io.leadgate.scoring;

import io.leadgate.Stores;
import io.leadgate.testing.TwoInstances;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The score store contract on a Redis Cluster, two instances writing compare-and-set. */
class ClusterScoreStoreTest extends ScoreStoreContract {
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
