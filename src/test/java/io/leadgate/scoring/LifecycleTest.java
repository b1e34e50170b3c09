package io.leadgate.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.leadgate.identity.Stage;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LifecycleTest {

  @ParameterizedTest(name = "{0}, mql {1}, bant {2} -> {3}")
  @CsvSource({
      "subscriber, false, false, ''",
      "subscriber, true, false, mql",
      "lead, true, false, mql",
      "lead, false, true, sql",
      "lead, true, true, mql sql",
      "mql, true, false, ''",
      "mql, true, true, sql",
      "sql, true, true, ''",
      "opportunity, true, true, ''",
      "customer, true, true, ''",
      "evangelist, true, true, ''",
      "disqualified, true, true, ''"})
  void automaticMoves_onlyForward_neverFromDisqualified(String from, boolean mql, boolean bant, String moves) {
    List<String> expected = moves.isBlank() ? List.of() : List.of(moves.split(" "));
    assertEquals(expected, Lifecycle.automaticMoves(Stage.parse(from).orElseThrow(), false, mql, bant).stream()
        .map(Stage::label).toList());
  }

  @ParameterizedTest(name = "{0} -> {1}: reason needed {2}")
  @CsvSource({
      "mql, sql, false",
      "lead, customer, false",
      "sql, opportunity, false",
      "sql, lead, true",
      "customer, mql, true",
      "lead, disqualified, true",
      "disqualified, lead, true"})
  void manualReason_backwardsOrJunk_needsAReason(String from, String to, boolean needed) {
    Stage a = Stage.parse(from).orElseThrow();
    Stage b = Stage.parse(to).orElseThrow();
    assertEquals(needed, Lifecycle.needsReason(a, b));
    if (needed) {
      assertThrows(IllegalArgumentException.class, () -> Lifecycle.manualReason(a, b, " "));
    } else {
      assertEquals("set to " + to, Lifecycle.manualReason(a, b, null));
    }
    assertEquals("sales said so", Lifecycle.manualReason(a, b, " sales said so "));
  }
}
