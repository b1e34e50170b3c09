package io.leadgate.scoring;

import io.leadgate.config.Durations;
import java.time.Duration;

/**
 * How downloads score ({@code scoring.downloads}).
 *
 * @param repeatWindow a download of the same file (its URL without query) by the same lead scores again only this
 *                     long after the last one that scored (default {@code 1d}; {@code 0s}: every download scores).
 *                     Every download is still recorded and shown in the timeline.
 */
public record DownloadsConfig(String repeatWindow) {
  public DownloadsConfig {
    Durations.range(window(repeatWindow), Duration.ZERO, Duration.ofDays(365), "repeatWindow");
  }

  public static DownloadsConfig defaults() {
    return new DownloadsConfig(null);
  }

  public long repeatWindowMs() {
    return window(repeatWindow).toMillis();
  }

  /** {@code 0} alone is accepted too: "no window" reads naturally without a unit. */
  private static Duration window(String text) {
    return text != null && text.strip().equals("0") ? Duration.ZERO
        : Durations.parse(text, "repeatWindow", Duration.ofDays(1));
  }
}
