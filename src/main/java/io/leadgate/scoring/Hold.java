package io.leadgate.scoring;

import io.leadgate.identity.Stage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A person's decision that scoring must not undo: sales sent the lead back ({@code mql → lead}, "recycled") or took
 * it out of {@code disqualified}. While held, scoring moves the lead nowhere; the hold is released once the
 * behaviour points the lead earned after the decision (events that happened after it, as counted after caps and
 * repeats, undecayed, negative ones included) reach {@code scoring.mql.requalifyPoints}. Then the usual thresholds
 * apply. {@code disqualified} needs no hold: scoring never moves a disqualified lead.
 *
 * @param stage  where the person put the lead
 * @param from   where it was
 * @param at     when they decided
 * @param by     who ({@code api:<key>[:<user>]})
 * @param reason why, as they said
 * @param points behaviour points earned since
 */
public record Hold(Stage stage, Stage from, long at, String by, String reason, long points) {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  /** The hold with {@code more} points earned by an event at {@code eventAt}: only later events count. */
  public Hold earned(long eventAt, int more) {
    return eventAt > at ? new Hold(stage, from, at, by, reason, points + more) : this;
  }

  public boolean released(int requalifyPoints) {
    return points >= requalifyPoints;
  }

  /** For people: {@code recycled by api:crm:bob on 2026-12-04, 12 of 50 new points}. */
  public String describe(int requalifyPoints) {
    String what = from == Stage.DISQUALIFIED ? "requalified to " + stage.label() : "recycled to " + stage.label();
    return what + " by " + by + " on " + DAY.format(Instant.ofEpochMilli(at)) + ", " + points + " of "
        + requalifyPoints + " new points";
  }
}
