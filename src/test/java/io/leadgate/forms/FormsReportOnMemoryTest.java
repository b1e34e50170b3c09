package io.leadgate.forms;

class FormsReportOnMemoryTest extends FormsReportContract {
  @Override
  String redisUrl() {
    return null;
  }

  @Override
  void resetStore() {
  }
}
