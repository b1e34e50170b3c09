package io.leadgate.redis;

import java.util.ArrayList;
import java.util.List;

/** Reads the reply of {@code CLUSTER NODES}: one line per node, {@code id ip:port@cport flags master ...}. */
final class ClusterNodes {
  private ClusterNodes() {
  }

  /** A node the reply lists: its {@code host:port}, whether it is a master, whether the cluster marks it failing. */
  record Node(String address, boolean master, boolean failing) {
  }

  /** The {@code host:port} of every master the reply lists that is not marked failing. */
  static List<String> masters(String reply) {
    return all(reply).stream().filter(n -> n.master() && !n.failing()).map(Node::address).toList();
  }

  /** Every node the reply lists with an address, masters and replicas, failing or not. */
  static List<Node> all(String reply) {
    List<Node> nodes = new ArrayList<>();
    for (String line : reply.split("\n")) {
      String[] fields = line.strip().split(" ");
      if (fields.length < 3) {
        continue;
      }
      List<String> flags = List.of(fields[2].split(","));
      if (flags.contains("noaddr")) {
        continue;
      }
      String address = fields[1];
      int bus = address.indexOf('@');
      // a hostname, when the cluster announces one, follows the bus port after a comma
      address = bus < 0 ? address : address.substring(0, bus);
      nodes.add(new Node(address, flags.contains("master"), flags.contains("fail") || flags.contains("fail?")));
    }
    return nodes;
  }
}
