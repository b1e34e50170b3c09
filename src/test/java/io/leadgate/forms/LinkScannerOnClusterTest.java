package io.leadgate.forms;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

/** Link scanners and bots on the lead-magnet links on a Redis Cluster. */
@RunsOn(Kind.CLUSTER)
class LinkScannerOnClusterTest extends LinkScannerContract {
}
