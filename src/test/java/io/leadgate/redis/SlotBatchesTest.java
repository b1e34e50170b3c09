package io.leadgate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a pipelined batch is split by hash slot for a cluster. */
class SlotBatchesTest {
  private static Request get(String key) {
    return Request.cmd(Command.GET).arg(key);
  }

  private static int slot(String key) {
    return SlotBatches.slotOf(get(key));
  }

  @Test
  void requestsOfOneTag_stayOneBatch() {
    Map<Integer, List<Integer>> groups = SlotBatches.group(List.of(get("lg:{s01}:a"), get("lg:{s01}:b")));
    assertEquals(Map.of(slot("{s01}"), List.of(0, 1)), groups);
  }

  @Test
  void requestsOfTwoTags_splitInOrder() {
    Map<Integer, List<Integer>> groups = SlotBatches.group(List.of(get("lg:{s01}:a"), get("lg:{s02}:a"),
        get("lg:{s01}:b")));
    assertEquals(List.of(0, 2), groups.get(slot("{s01}")));
    assertEquals(List.of(1), groups.get(slot("{s02}")));
  }

  @Test
  void multiExec_staysWholeOnTheSlotOfItsFirstKey() {
    Map<Integer, List<Integer>> groups = SlotBatches.group(List.of(get("lg:{in1}:x"), Request.cmd(Command.MULTI),
        Request.cmd(Command.XADD).arg("lg:{in0}:events").arg("*").arg("e").arg("1"),
        Request.cmd(Command.INCRBY).arg("lg:{in0}:waiting").arg(1), Request.cmd(Command.EXEC)));
    assertEquals(List.of(1, 2, 3, 4), groups.get(slot("{in0}")));
    assertEquals(List.of(0), groups.get(slot("{in1}")));
  }

  @Test
  void waitWithoutAKey_goesWithTheWriteBeforeIt() {
    Map<Integer, List<Integer>> groups = SlotBatches.group(List.of(get("lg:{s03}:a"),
        Request.cmd(Command.SET).arg("lg:email:acme:x").arg("1"), Request.cmd(Command.WAIT).arg(1).arg(100)));
    assertEquals(List.of(1, 2), groups.get(slot("lg:email:acme:x")));
  }

  @Test
  void clusterNodes_mastersThatAreNotFailing() {
    String reply = """
        a1 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-5460
        b2 127.0.0.1:7001@17001 master,fail - 0 0 2 disconnected
        c3 127.0.0.1:7002@17002 slave a1 0 0 1 connected
        d4 127.0.0.1:7003@17003 master - 0 0 3 connected 5461-10922
        """;
    assertEquals(List.of("127.0.0.1:7000", "127.0.0.1:7003"), ClusterNodes.masters(reply));
  }
}
