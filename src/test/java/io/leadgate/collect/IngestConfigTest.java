package io.leadgate.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IngestConfigTest {

  @Test
  void byDefault_eachOfTheTwoPartitionsReadsItsWholeBatch() {
    assertEquals(64, IngestConfig.defaults().entriesPerRound());
  }

  @Test
  void aSmallerBatch_isReadAsItIs() {
    assertEquals(10, ingest(2, 10).entriesPerRound());
  }

  @Test
  void aBatchLargerThanTheHeapHolds_isReadAsThePartitionsShareOfTheEntriesInFlight() {
    assertEquals(64, ingest(2, 512).entriesPerRound());
  }

  @Test
  void morePartitions_shareTheEntriesInFlight() {
    assertEquals(16, ingest(8, 64).entriesPerRound());
  }

  @Test
  void everyPartitionReadsSomething_evenAtTheMostPartitions() {
    assertEquals(2, ingest(64, 64).entriesPerRound());
  }

  private static IngestConfig ingest(int partitions, int batchSize) {
    return new IngestConfig(partitions, null, batchSize, null, null, null);
  }
}
