package io.leadgate.collect;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

/** The intake and projection contract on a Redis Cluster of three masters and three replicas. */
@RunsOn(Kind.CLUSTER)
class CollectApiOnClusterTest extends CollectApiContract {
}
