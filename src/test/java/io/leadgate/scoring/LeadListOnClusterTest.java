package io.leadgate.scoring;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

/** The lead list and its search on a Redis Cluster. */
@RunsOn(Kind.CLUSTER)
class LeadListOnClusterTest extends LeadListContract {
}
