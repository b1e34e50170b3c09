package io.leadgate.segment;

import io.leadgate.config.Check;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code segment:} section: how Segment-spec messages map onto the product beyond the fixed rules.
 *
 * @param downloadEvents names of {@code track} events that are downloads, compared without regard to case
 *                       (default {@code Download}, {@code Downloaded}, {@code File Downloaded})
 */
public record SegmentConfig(List<String> downloadEvents) {
  public static final List<String> DOWNLOAD_EVENTS = List.of("Download", "Downloaded", "File Downloaded");

  public SegmentConfig {
    downloadEvents = downloadEvents == null ? DOWNLOAD_EVENTS : List.copyOf(downloadEvents);
    for (String name : downloadEvents) {
      Check.that(name != null && !name.isBlank(), "downloadEvents", "must not hold an empty name");
    }
  }

  public static SegmentConfig defaults() {
    return new SegmentConfig(null);
  }

  /** The download names, lower-cased: what {@link MessageMapper} compares a track event's name with. */
  Set<String> downloadNames() {
    return downloadEvents.stream().map(n -> n.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }
}
