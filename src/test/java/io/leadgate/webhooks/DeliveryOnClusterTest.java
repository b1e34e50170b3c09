package io.leadgate.webhooks;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

/** Webhook delivery (fan-out, per-lead order, retries, claims, replay) on a Redis Cluster. */
@RunsOn(Kind.CLUSTER)
class DeliveryOnClusterTest extends DeliverySpec {
}
