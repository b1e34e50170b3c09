package io.leadgate.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProjectionPacerTest {
  final IntakeRate intake = new IntakeRate();
  final Backlog backlog = new Backlog(1000);
  final ProjectionPacer pacer = new ProjectionPacer(intake, backlog, 100, 0.25);

  private void intakeOf(int eventsPerSecond) {
    intake.accepted(eventsPerSecond);
    intake.sample();
  }

  @Test
  void quietIntake_projectionDoesNotPause() {
    intakeOf(100);
    assertEquals(0, pacer.pauseAfter(40, 1));
  }

  @Test
  void busyIntake_projectionKeepsToItsShareOfTheTime() {
    intakeOf(101);
    assertEquals(120, pacer.pauseAfter(40, 1));
  }

  @Test
  void busyIntake_aLogPastHalfFull_projectionRunsFlatOut() {
    intakeOf(5000);
    backlog.update(500);
    assertEquals(0, pacer.pauseAfter(40, 1));
  }

  @Test
  void busyIntake_aSlowRound_pausesAtMostOneSecond() {
    intakeOf(5000);
    assertEquals(ProjectionPacer.MAX_PAUSE_MS, pacer.pauseAfter(10_000, 1));
  }

  @Test
  void busyIntake_aRoundFasterThanAMillisecond_stillPauses() {
    intakeOf(5000);
    assertEquals(3, pacer.pauseAfter(0, 1));
  }

  @Test
  void intakeRate_isTheLastWholeSecond() {
    intakeOf(5000);
    intake.sample();
    assertEquals(0, intake.perSecond());
    assertEquals(0, pacer.pauseAfter(40, 1));
  }

  @Test
  void busyIntake_roundsSideBySide_keepToTheShareTogether() {
    intakeOf(5000);
    assertEquals(70, pacer.pauseAfter(10, 2));
  }

  @Test
  void shareOfOne_neverPauses() {
    intakeOf(5000);
    assertEquals(0, new ProjectionPacer(intake, backlog, 100, 1.0).pauseAfter(40, 1));
  }
}
