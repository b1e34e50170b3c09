package io.leadgate.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectionPacerTest {
  final IntakeRate intake = new IntakeRate();
  final Backlog backlog = new Backlog(1000);
  final ProjectionPacer pacer = new ProjectionPacer(intake, backlog, 100, 0.25, 10_000);

  /** A round that read less than a round may: it says nothing about projection's full speed. */
  private static ProjectionPacer.Round round(long millis) {
    return new ProjectionPacer.Round(100, false, millis, 0);
  }

  private static ProjectionPacer.Round fullRound(int events, long millis) {
    return new ProjectionPacer.Round(events, true, millis, 0);
  }

  private void intakeOf(int eventsPerSecond) {
    intake.accepted(eventsPerSecond);
    intake.sample();
  }

  @Test
  void quietIntake_projectionDoesNotPause() {
    intakeOf(100);
    assertEquals(0, pacer.pauseAfter(round(40), 1));
  }

  @Test
  void busyIntake_projectionKeepsToItsShareOfTheTime() {
    intakeOf(101);
    assertEquals(120, pacer.pauseAfter(round(40), 1));
  }

  @Test
  void busyIntake_aLogPastHalfFull_projectionRunsFlatOut() {
    intakeOf(5000);
    backlog.update(500);
    assertEquals(0, pacer.pauseAfter(round(40), 1));
  }

  @Test
  void busyIntake_projectionFurtherBehindThanTheLagAllowed_runsFlatOut() {
    intakeOf(5000);
    assertEquals(0, pacer.pauseAfter(new ProjectionPacer.Round(100, false, 40, 10_001), 1));
  }

  @Test
  void surge_projectionFurtherBehindThanTheLagAllowed_readsWholeBatches() {
    pacer.pauseAfter(fullRound(1000, 100), 1);
    intakeOf(20_000);
    assertEquals(0, pacer.pauseAfter(new ProjectionPacer.Round(1000, true, 100, 10_001), 1));
    assertEquals(64, pacer.entriesNext(64));
  }

  @Test
  void busyIntake_aSlowRound_pausesAtMostOneSecond() {
    intakeOf(5000);
    assertEquals(ProjectionPacer.MAX_PAUSE_MS, pacer.pauseAfter(round(10_000), 1));
  }

  @Test
  void busyIntake_aRoundFasterThanAMillisecond_stillPauses() {
    intakeOf(5000);
    assertEquals(3, pacer.pauseAfter(round(0), 1));
  }

  @Test
  void intakeRate_isTheLastWholeSecond() {
    intakeOf(5000);
    intake.sample();
    assertEquals(0, intake.perSecond());
    assertEquals(0, pacer.pauseAfter(round(40), 1));
  }

  @Test
  void busyIntake_roundsSideBySide_keepToTheShareTogether() {
    intakeOf(5000);
    assertEquals(70, pacer.pauseAfter(round(10), 2));
  }

  @Test
  void shareOfOne_neverPauses() {
    intakeOf(5000);
    assertEquals(0, new ProjectionPacer(intake, backlog, 100, 1.0, 10_000).pauseAfter(round(40), 1));
  }

  @Test
  void surge_intakeFasterThanProjectionAtFullSpeed_projectionWaitsASecond() {
    pacer.pauseAfter(fullRound(1000, 100), 1); // 10,000 events/s
    intakeOf(20_000);
    assertEquals(ProjectionPacer.MAX_PAUSE_MS, pacer.pauseAfter(fullRound(1000, 100), 1));
  }

  @Test
  void surge_roundsReadOneLogEntry() {
    pacer.pauseAfter(fullRound(1000, 100), 1);
    intakeOf(20_000);
    pacer.pauseAfter(fullRound(1000, 100), 1);
    assertEquals(ProjectionPacer.SURGE_ENTRIES, pacer.entriesNext(64));
  }

  @Test
  void surge_everyTenthRoundReadsAWholeBatch_theFullSpeedStaysMeasured() {
    pacer.pauseAfter(fullRound(1000, 100), 1);
    intakeOf(20_000);
    pacer.pauseAfter(fullRound(1000, 100), 1);
    List<Integer> entries = new ArrayList<>();
    for (int round = 0; round < 20; round++) {
      entries.add(pacer.entriesNext(64));
    }
    assertEquals(2, entries.stream().filter(n -> n == 64).count());
    assertEquals(18, entries.stream().filter(n -> n == ProjectionPacer.SURGE_ENTRIES).count());
  }

  @Test
  void surgeOver_roundsReadAWholeBatchAgain() {
    pacer.pauseAfter(fullRound(1000, 100), 1);
    intakeOf(20_000);
    pacer.pauseAfter(fullRound(1000, 100), 1);
    intakeOf(5000);
    pacer.pauseAfter(round(40), 1);
    assertEquals(64, pacer.entriesNext(64));
  }

  @Test
  void surge_aLogPastHalfFull_roundsReadAWholeBatch() {
    pacer.pauseAfter(fullRound(1000, 100), 1);
    intakeOf(20_000);
    backlog.update(500);
    pacer.pauseAfter(fullRound(1000, 100), 1);
    assertEquals(64, pacer.entriesNext(64));
  }

  @Test
  void busyIntake_slowerThanProjectionAtFullSpeed_keepsToTheShare() {
    pacer.pauseAfter(fullRound(1000, 100), 1); // 10,000 events/s
    intakeOf(5000);
    assertEquals(300, pacer.pauseAfter(fullRound(1000, 100), 1));
  }

  @Test
  void surge_aLogPastHalfFull_projectionRunsFlatOut() {
    pacer.pauseAfter(fullRound(1000, 100), 1);
    intakeOf(20_000);
    backlog.update(500);
    assertEquals(0, pacer.pauseAfter(fullRound(1000, 100), 1));
  }

  @Test
  void fullSpeed_isLearnedFromFullRoundsOnly() {
    pacer.pauseAfter(fullRound(1000, 100), 1);
    pacer.pauseAfter(new ProjectionPacer.Round(10, false, 100, 0), 1); // 100 events/s: a round with little to do
    assertEquals(10_000, pacer.fullSpeed(), 0.1);
  }

  @Test
  void fullSpeed_followsRecentRoundsWithoutJumpingOnOne() {
    pacer.pauseAfter(fullRound(1000, 100), 1);
    pacer.pauseAfter(fullRound(1000, 50), 1); // 20,000 events/s once
    assertEquals(12_500, pacer.fullSpeed(), 0.1);
  }

  @Test
  void fullSpeed_roundsSideBySide_addUp() {
    pacer.pauseAfter(fullRound(500, 100), 2);
    intakeOf(8000);
    assertEquals(10_000, pacer.fullSpeed(), 0.1);
    assertEquals(70, pacer.pauseAfter(round(10), 2));
  }

  @Test
  void beforeAnyFullRound_busyIntakeKeepsToTheShare() {
    intakeOf(1_000_000);
    assertEquals(120, pacer.pauseAfter(round(40), 1));
  }
}
