package io.leadgate.collect;

/**
 * The outage checks on {@code server.transport: nio}, what runs where io_uring cannot (Docker's default seccomp
 * profile, older kernels): the other suites run on {@code auto}.
 */
class RedisOutageOnNioTest extends RedisOutageTest {
  @Override
  String transport() {
    return "nio";
  }
}
