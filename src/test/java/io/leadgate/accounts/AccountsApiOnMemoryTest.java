package io.leadgate.accounts;

import io.leadgate.testing.OneStore.Kind;
import io.leadgate.testing.RunsOn;

@RunsOn(Kind.MEMORY)
class AccountsApiOnMemoryTest extends AccountsApiContract {
}
