package io.leadgate.privacy;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

/** Export and erasure on a Redis Cluster: a person's keys on several shards, one step per shard. */
@RunsOn(Kind.CLUSTER)
class PrivacyOnClusterTest extends PrivacyContract {
}
