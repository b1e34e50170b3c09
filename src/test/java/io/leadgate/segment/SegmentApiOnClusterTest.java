package io.leadgate.segment;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

/** The Segment-spec API on a Redis Cluster of three masters and three replicas. */
@RunsOn(Kind.CLUSTER)
class SegmentApiOnClusterTest extends SegmentApiContract {
}
