package io.leadgate.accounts;

import io.leadgate.testing.RedisCluster;
import org.junit.jupiter.api.BeforeAll;

class AccountsApiOnClusterTest extends AccountsApiContract {
  @BeforeAll
  static void start() {
    RedisCluster cluster = RedisCluster.shared();
    cluster.flush();
    startGateway(cluster.url());
  }
}
