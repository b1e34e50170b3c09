package io.leadgate.scoring;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

/** Scoring and the lead API on a Redis Cluster. */
@RunsOn(Kind.CLUSTER)
class ScoringApiOnClusterTest extends ScoringApiContract {
}
