package io.leadgate.admin;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

@RunsOn(Kind.MEMORY)
class ConsoleSignInOnMemoryTest extends ConsoleSignInContract {
}
