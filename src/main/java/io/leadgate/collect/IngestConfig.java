package io.leadgate.collect;

import io.leadgate.config.Check;

/**
 * The event log between intake and projection.
 *
 * @param partitions  streams the log is split into (spread over Redis Cluster slots)
 * @param maxBacklog  events waiting for projection above which intake answers 503 instead of growing without bound
 * @param batchSize   log entries a projector reads per round (an entry holds events one event loop received
 *                    together, at most 32), at most its partition's share of {@link #ENTRIES_IN_FLIGHT}
 * @param busyAbove   events per second and instance above which projection yields to intake
 * @param busyShare   the share of time projection keeps while it yields (1 = never yield)
 * @param maxLagSeconds how far behind intake projection may fall while it yields: past it, projection runs flat out.
 *                    Minutes by default, as forms and intake come before fresh scores: a bound of 10 s ran projection
 *                    flat out under a steady load and took speed-to-lead from 19 to 93 ms at p99 (docs/benchmarks.md)
 */
public record IngestConfig(Integer partitions, Integer maxBacklog, Integer batchSize, Integer busyAbove,
                           Double busyShare, Integer maxLagSeconds) {
  public IngestConfig {
    partitions = partitions == null ? 2 : partitions;
    maxBacklog = maxBacklog == null ? 1_000_000 : maxBacklog;
    batchSize = batchSize == null ? 64 : batchSize;
    busyAbove = busyAbove == null ? 1000 : busyAbove;
    busyShare = busyShare == null ? 0.2 : busyShare;
    maxLagSeconds = maxLagSeconds == null ? 300 : maxLagSeconds;
    Check.range(partitions, 1, 64, "partitions");
    Check.range(maxBacklog, 1, 100_000_000, "maxBacklog");
    Check.range(batchSize, 1, 10_000, "batchSize");
    Check.range(busyAbove, 0, 100_000_000, "busyAbove");
    Check.that(busyShare >= 0.05 && busyShare <= 1.0, "busyShare", "must be between 0.05 and 1");
    Check.range(maxLagSeconds, 1, 86_400, "maxLagSeconds");
  }

  /**
   * Log entries the partitions' rounds read at once, all held in the projector's heap together: at most 32 events each,
   * so 4,096 events. With the 80-MB heap users start the gateway with, two rounds of 256 entries (about 8,000 events)
   * drained a surge and two of 512 (about 14,000) ran out of memory (docs/benchmarks.md).
   */
  static final int ENTRIES_IN_FLIGHT = 128;

  /**
   * Log entries one partition's round reads: {@code batchSize}, or less where the partitions' rounds together would
   * hold more than {@link #ENTRIES_IN_FLIGHT}.
   */
  public int entriesPerRound() {
    return Math.max(1, Math.min(batchSize, ENTRIES_IN_FLIGHT / partitions));
  }

  public static IngestConfig defaults() {
    return new IngestConfig(null, null, null, null, null, null);
  }
}
