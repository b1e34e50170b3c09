package io.leadgate.webhooks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two gateway instances on one Redis Cluster share the deliveries; one that dies leaves its work to the other. */
class MultiInstanceOnClusterTest {
  @RegisterExtension
  static final Instances instances = Instances.onCluster();

  @Test
  void twoInstancesOnACluster_everyEventDeliveredOnce_eachLeadInOrder() {
    instances.assertDeliveredOnceInOrder(instances.start(""), instances.start(""));
  }

  @Test
  void instanceKilledMidSendOnACluster_anotherTakesTheDeliveryOver() {
    instances.crashMidSend();
  }
}
