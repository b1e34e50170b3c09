package io.leadgate.config;

/**
 * The event log between intake and projection.
 *
 * @param partitions  streams the log is split into (spread over Redis Cluster slots)
 * @param maxBacklog  events waiting for projection above which intake answers 503 instead of growing without bound
 * @param batchSize   events a projector reads per round
 */
public record IngestConfig(Integer partitions, Integer maxBacklog, Integer batchSize) {
  public IngestConfig {
    partitions = partitions == null ? 2 : partitions;
    maxBacklog = maxBacklog == null ? 1_000_000 : maxBacklog;
    batchSize = batchSize == null ? 200 : batchSize;
    Check.range(partitions, 1, 64, "partitions");
    Check.range(maxBacklog, 1, 100_000_000, "maxBacklog");
    Check.range(batchSize, 1, 10_000, "batchSize");
  }

  public static IngestConfig defaults() {
    return new IngestConfig(null, null, null);
  }
}
