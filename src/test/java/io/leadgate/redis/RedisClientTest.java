package io.leadgate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.leadgate.config.RedisConfig;
import io.leadgate.ops.Metrics;
import io.leadgate.testing.RedisServer;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Which connection a call goes over: an event loop's calls go over connections of that loop. */
class RedisClientTest {
  @RegisterExtension
  static final RedisServer redis = RedisServer.perClass();
  final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
  // a pool of one: a loop whose own pool is full would take another loop's idle connection, if it could see one
  final RedisClient client = new RedisClient(vertx,
      new RedisConfig("standalone", redis.url(), null, null, null, null, 1, null), new Metrics());

  @AfterEach
  void close() throws Exception {
    client.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void anEventLoopsCall_doesNotTakeAnIdleConnectionAnotherLoopOpened() throws Exception {
    List<Context> loops = new CopyOnWriteArrayList<>();
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        loops.add(context);
        return Future.succeededFuture();
      }
    }, new DeploymentOptions().setInstances(2)).await(10, TimeUnit.SECONDS);
    Context one = loops.get(0);
    Context other = loops.get(1);
    assertNotEquals(on(one, () -> Future.succeededFuture(Thread.currentThread())),
        on(other, () -> Future.succeededFuture(Thread.currentThread())));

    long ofOne = on(one, this::connectionId);
    Thread.sleep(200); // its connection back in the pool, idle
    long ofOther = on(other, this::connectionId);

    assertNotEquals(ofOne, ofOther);
    assertEquals(ofOne, on(one, this::connectionId));
  }

  private Future<Long> connectionId() {
    return client.send("client_id", Request.cmd(Command.CLIENT).arg("ID")).map(reply -> reply.toLong());
  }

  private static <T> T on(Context context, Supplier<Future<T>> call) throws Exception {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> call.get().onComplete(done));
    return done.future().await(10, TimeUnit.SECONDS);
  }
}
