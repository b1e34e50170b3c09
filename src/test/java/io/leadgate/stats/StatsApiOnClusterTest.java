package io.leadgate.stats;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

/** The stats API contract on a Redis Cluster (a site's daily keys share one slot; PFCOUNT over days stays in it). */
@RunsOn(Kind.CLUSTER)
class StatsApiOnClusterTest extends StatsApiContract {
}
