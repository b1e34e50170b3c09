package io.leadgate.forms;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

@RunsOn(Kind.MEMORY)
class FormsReportOnMemoryTest extends FormsReportContract {
}
