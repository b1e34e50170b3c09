package io.leadgate.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsServiceTest {

  @Test
  void top_keepsTheLargestCountsLargestFirst_tiesByName() {
    Map<String, Long> counts = new HashMap<>();
    for (int i = 0; i < 150; i++) {
      counts.put("/p" + i, (long) i);
    }
    counts.put("/b", 149L);
    JsonObject top = StatsService.top(counts);
    assertEquals(StatsService.TOP, top.size());
    assertEquals(List.of("/b", "/p149", "/p148"), top.fieldNames().stream().limit(3).toList());
    assertEquals(51L, top.getLong("/p51"));
    assertEquals(null, top.getLong("/p50"));
  }
}
