package io.leadgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadgate.core.Event;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoMonthTest {
  private static final long END = Instant.parse("2026-12-04T15:30:00Z").toEpochMilli();

  private static List<DemoMonth.Day> plan() {
    return new DemoMonth("demo", ZoneOffset.UTC, END).plan();
  }

  @Test
  void plan_sameEnd_isTheSameMonthEveryTime() {
    assertEquals(plan(), plan());
  }

  @Test
  void plan_thirtyDaysEndingOnTheEndsDay_everyEventInsideItsDayAndNotAfterTheEnd() {
    List<DemoMonth.Day> days = plan();
    assertEquals(DemoMonth.DAYS, days.size());
    assertEquals("2026-12-04", days.get(days.size() - 1).date().toString());
    for (DemoMonth.Day day : days) {
      for (Event event : day.events()) {
        assertEquals(day.date(), Instant.ofEpochMilli(event.receivedAt()).atZone(ZoneOffset.UTC).toLocalDate());
        assertTrue(event.receivedAt() <= END);
      }
    }
  }

  @Test
  void plan_stepsOfADay_areInTimeOrderAndEveryStageOfSalesIsPlanned() {
    List<DemoMonth.Day> days = plan();
    for (DemoMonth.Day day : days) {
      for (int i = 1; i < day.steps().size(); i++) {
        assertTrue(day.steps().get(i - 1).begins() <= day.steps().get(i).begins());
      }
    }
    List<String> stages = days.stream().flatMap(d -> d.steps().stream())
        .filter(s -> s instanceof DemoMonth.SalesAction).map(s -> ((DemoMonth.SalesAction) s).stage()).distinct()
        .toList();
    assertTrue(stages.containsAll(List.of("lead", "mql", "sql", "opportunity", "customer", "evangelist",
        "disqualified")), stages.toString());
  }
}
