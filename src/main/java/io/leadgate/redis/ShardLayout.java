package io.leadgate.redis;

import io.leadgate.core.Shards;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/**
 * The shard count a store was written with, recorded in the store itself. Every per-person key carries its shard in
 * its name, so a build with another count would silently miss every visitor, lead and queued webhook; the gateway
 * refuses to start on such a store instead (docs/redis.md, "The number of shards", says how to move the data).
 *
 * <p>It also names the form visitors are kept in ({@code visitors=list2}: one list per visitor, the profile last,
 * compact entries). A store of a build before ({@code shards=N} alone: a hash, a list and a set per visitor;
 * {@code visitors=list}: the list with entries of the first form) is taken over: this build reads both forms and
 * moves a visitor as it writes it ({@code visitor_profile.lua}, {@code visitor_state.lua}), and the new
 * value makes a build before refuse to start on it, since that build would not read the moved visitors.
 */
final class ShardLayout {
  static final String BEFORE = "shards=" + Shards.COUNT;
  static final String EXPECTED = BEFORE + " visitors=list2";
  /** The forms this build reads and moves from. */
  private static final java.util.Set<String> TAKEN_OVER = java.util.Set.of(BEFORE, BEFORE + " visitors=list");

  /** The store was written with another shard count than this build's. */
  static final class Mismatch extends RuntimeException {
    Mismatch(String found) {
      super("this Redis holds data written with " + found.split(" ")[0].replace("shards=", "")
          + " virtual shards and this build uses "
          + Shards.COUNT + " (key " + RedisKeys.layout() + "): move the keys first (docs/redis.md, \"The number of"
          + " shards\"), or start on an empty Redis");
    }
  }

  private ShardLayout() {
  }

  /** Records this build's layout on a store that has none yet, and fails with {@link Mismatch} on another one. */
  static Future<Void> check(RedisClient redis) {
    return redis.send("layout", Request.cmd(Command.SET).arg(RedisKeys.layout()).arg(EXPECTED).arg("NX").arg("GET"))
        .compose(previous -> {
          if (previous == null || EXPECTED.equals(previous.toString())) {
            return Future.<Void>succeededFuture();
          }
          if (TAKEN_OVER.contains(previous.toString())) {
            return redis.send("layout", Request.cmd(Command.SET).arg(RedisKeys.layout()).arg(EXPECTED)).mapEmpty();
          }
          return Future.failedFuture(new Mismatch(previous.toString()));
        });
  }
}
