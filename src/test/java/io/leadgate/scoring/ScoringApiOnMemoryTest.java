package io.leadgate.scoring;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

@RunsOn(Kind.MEMORY)
class ScoringApiOnMemoryTest extends ScoringApiContract {
}
