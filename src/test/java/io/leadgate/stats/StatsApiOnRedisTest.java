package io.leadgate.stats;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

@RunsOn(Kind.SERVER)
class StatsApiOnRedisTest extends StatsApiContract {
}
