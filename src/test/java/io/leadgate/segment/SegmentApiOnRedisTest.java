package io.leadgate.segment;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

@RunsOn(Kind.SERVER)
class SegmentApiOnRedisTest extends SegmentApiContract {
}
