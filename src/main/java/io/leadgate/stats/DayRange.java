package io.leadgate.stats;

import io.leadgate.core.InvalidInput;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The days a report covers ({@code ?from=&to=}, in the site's time zone): {@value #DEFAULT_DAYS} days up to today
 * when not given, at most {@value #MAX_DAYS}. Every report of a site over days reads its range here.
 */
public record DayRange(LocalDate first, LocalDate last) {
  public static final int DEFAULT_DAYS = 7;
  public static final int MAX_DAYS = 92;

  /**
   * @param from first day (YYYY-MM-DD), or null for {@value #DEFAULT_DAYS} days up to {@code to}
   * @param to   last day, or null for today in {@code zone} by {@code clock}
   */
  public static DayRange parse(String from, String to, ZoneId zone, Clock clock) {
    LocalDate last = to == null ? LocalDate.ofInstant(clock.instant(), zone) : day(to, "to");
    LocalDate first = from == null ? last.minusDays(DEFAULT_DAYS - 1) : day(from, "from");
    if (first.isAfter(last)) {
      throw InvalidInput.field("from", "must not be after to (" + first + " > " + last + ")");
    }
    if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
      throw InvalidInput.field("from", "the range may span at most " + MAX_DAYS + " days");
    }
    return new DayRange(first, last);
  }

  public List<LocalDate> days() {
    return first.datesUntil(last.plusDays(1)).toList();
  }

  private static LocalDate day(String text, String field) {
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw InvalidInput.field(field, "must be a day as YYYY-MM-DD (was \"" + text + "\")");
    }
  }
}
