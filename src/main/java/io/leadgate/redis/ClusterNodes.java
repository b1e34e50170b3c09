package io.leadgate.redis;

import java.util.ArrayList;
import java.util.List;

/** Reads the reply of {@code CLUSTER NODES}: one line per node, {@code id ip:port@cport flags master ...}. */
final class ClusterNodes {
  private ClusterNodes() {
  }

  /** The {@code host:port} of every master the reply lists that is not marked failing. */
  static List<String> masters(String reply) {
    List<String> masters = new ArrayList<>();
    for (String line : reply.split("\n")) {
      String[] fields = line.strip().split(" ");
      if (fields.length < 3) {
        continue;
      }
      List<String> flags = List.of(fields[2].split(","));
      if (flags.contains("master") && !flags.contains("fail") && !flags.contains("fail?")
          && !flags.contains("noaddr")) {
        String address = fields[1];
        int bus = address.indexOf('@');
        masters.add(bus < 0 ? address : address.substring(0, bus));
      }
    }
    return masters;
  }
}
