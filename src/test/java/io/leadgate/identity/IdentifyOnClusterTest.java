package io.leadgate.identity;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

/** identify (linking a device to a lead) on a Redis Cluster. */
@RunsOn(Kind.CLUSTER)
class IdentifyOnClusterTest extends IdentifyContract {
}
