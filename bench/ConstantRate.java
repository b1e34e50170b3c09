import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load generator: sends page views at a constant rate, whatever the server's answers do, and times
 * each request from the moment it was due (so a stall of the server counts against every request it delayed, not
 * only against the few in flight as with wrk's closed loop: "coordinated omission"). The same body as
 * bench/pageview.lua: one of 20,000 visitors, a new event id per request, one of four campaign pages.
 * Prints one line: RESULT rate=... sent=... ok=... non2xx=... errors=... p50_us=... p90_us=... p99_us=...
 * p999_us=... max_us=... With --timeline, also a line on stderr with the slowest answer (ms) to the requests due in
 * each second, warm-up included, to see when a stall happened.
 *
 * <pre>
 * javac -d /tmp/cr -cp target/leadgate.jar bench/ConstantRate.java
 * java -cp /tmp/cr:target/leadgate.jar ConstantRate --url http://127.0.0.1:8080/e --rate 10000 --seconds 20
 *     [--warmup 5] [--connections 48] [--method POST] [--site bench] [--run r1] [--timeline yes]
 * </pre>
 *
 * It speaks HTTP/1.1 over raw keep-alive connections, one request at a time on each (as browsers and wrk do), to
 * keep its own cost per request small: it shares the machine with the server it measures. Requests due while
 * every connection is busy wait in a queue, and that wait is part of their latency, as a visitor's would be. The
 * warm-up runs at the same rate, unmeasured, so that neither JIT is cold when measuring starts and the server's
 * projector meets the backlog of that rate, not of a burst.
 */
public class ConstantRate {
  private static final int VISITORS = 20_000;
  private static final long MIN_HANDOFF_NANOS = 200_000;
  private static final String[][] PAGES = {
    {"https://www.acme-example.com/pricing?utm_source=newsletter&utm_medium=email&utm_campaign=q4-launch",
        "Pricing - ACME Analytics for B2B teams", "newsletter", "email", "q4-launch"},
    {"https://www.acme-example.com/blog/how-to-qualify-leads-without-a-crm?utm_source=linkedin&utm_medium=social",
        "How to qualify leads without a CRM - ACME blog", "linkedin", "social", "evergreen"},
    {"https://www.acme-example.com/case-studies/northwind-doubled-demo-requests",
        "Case study: Northwind doubled its demo requests - ACME", "google", "cpc", "brand-2026"},
    {"https://www.acme-example.com/resources/whitepaper-b2b-funnel-benchmarks-2026",
        "Whitepaper: B2B funnel benchmarks 2026 - ACME resources", "partner", "referral", "co-marketing"},
  };

  private final Vertx vertx;
  private final URI url;
  private final String head;
  private final String site;
  private final String prefix;
  private final double rate;
  private final long warmup;
  private final long total;
  private final ArrayDeque<Connection> idle = new ArrayDeque<>();
  private final ArrayDeque<Long> due = new ArrayDeque<>();
  private final Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
  private final CompletableFuture<String> result = new CompletableFuture<>();
  // Held in a field: Vert.x closes a client, and its connections, once the client object is garbage collected.
  private NetClient client;
  private long t0;
  private long ok;
  private long non2xx;
  private long errors;
  // the slowest answer to the requests due in each second (--timeline): shows when a stall happened
  private long[] slowestPerSecond;

  ConstantRate(Vertx vertx, Map<String, String> opt) {
    this.vertx = vertx;
    this.url = URI.create(opt.get("url"));
    this.site = opt.get("site");
    this.prefix = opt.get("run") + "-" + Long.toString(System.currentTimeMillis(), 36) + "-";
    this.rate = Double.parseDouble(opt.get("rate"));
    this.warmup = (long) (rate * Long.parseLong(opt.get("warmup")));
    this.total = warmup + (long) (rate * Long.parseLong(opt.get("seconds")));
    this.slowestPerSecond = opt.containsKey("timeline")
        ? new long[(int) (Long.parseLong(opt.get("warmup")) + Long.parseLong(opt.get("seconds")) + 1)] : null;
    this.head = opt.get("method") + " " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":"
        + url.getPort() + "\r\nContent-Type: text/plain;charset=UTF-8\r\nUser-Agent: Mozilla/5.0 (Windows NT 10.0;"
        + " Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36\r\n"
        + "Origin: https://www.acme-example.com\r\nAccept: */*\r\nAccept-Language: en-US,en;q=0.9\r\n";
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = new HashMap<>(Map.of("rate", "1000", "seconds", "20", "warmup", "5",
        "connections", "48", "method", "POST", "site", "bench", "run", "cr"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Vertx vertx = Vertx.vertx();
    ConstantRate load = new ConstantRate(vertx, opt);
    Context loop = vertx.getOrCreateContext();
    loop.runOnContext(start -> load.connect(Integer.parseInt(opt.get("connections")), loop));
    String line;
    try {
      line = load.result.get(Long.parseLong(opt.get("warmup")) + Long.parseLong(opt.get("seconds")) + 30,
          TimeUnit.SECONDS);
    } catch (TimeoutException stalled) {
      CompletableFuture<String> partial = new CompletableFuture<>();
      loop.runOnContext(v -> partial.complete(load.summary()));
      line = partial.get(5, TimeUnit.SECONDS);
    }
    System.out.println(line);
    vertx.close().await();
  }

  private void connect(int connections, Context loop) {
    client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true));
    for (int c = 0; c < connections; c++) {
      client.connect(url.getPort(), url.getHost()).onFailure(result::completeExceptionally).onSuccess(socket -> {
        idle.add(new Connection(socket));
        if (idle.size() == connections) {
          pace(loop);
        }
      });
    }
  }

  /**
   * A thread of its own sleeps until the next request is due and hands what is due to the event loop: a
   * millisecond timer on the loop makes Netty spin between ticks, and that took a core from the server measured.
   */
  private void pace(Context loop) {
    double nanosPerRequest = 1e9 / rate;
    t0 = System.nanoTime();
    Thread pacer = new Thread(() -> {
      long next = 0;
      while (next < total) {
        // at least 200 µs between hand-offs: each wakes the event loop, and at high rates that cost more than the
        // requests; the lateness is timed, as each request's latency counts from its own due point
        long wait = Math.max(t0 + (long) (next * nanosPerRequest) - System.nanoTime(), MIN_HANDOFF_NANOS);
        LockSupport.parkNanos(wait);
        long now = System.nanoTime();
        long from = next;
        while (next < total && t0 + (long) (next * nanosPerRequest) <= now) {
          next++;
        }
        long to = next;
        loop.runOnContext(v -> {
          for (long i = from; i < to; i++) {
            due.add(i);
          }
          dispatch(nanosPerRequest);
        });
      }
    }, "pacer");
    pacer.setDaemon(true);
    pacer.start();
  }

  private void dispatch(double nanosPerRequest) {
    while (!due.isEmpty() && !idle.isEmpty()) {
      Connection connection = idle.poll();
      long n = due.poll();
      connection.send(request(n), t0 + (long) (n * nanosPerRequest), n >= warmup, () -> {
        idle.add(connection);
        dispatch(nanosPerRequest);
      });
    }
  }

  private void answered(long dueAt, boolean measured, int status) {
    long micros = Math.max(0, (System.nanoTime() - dueAt) / 1_000);
    if (slowestPerSecond != null) {
      int second = (int) Math.min((dueAt - t0) / 1_000_000_000L, slowestPerSecond.length - 1);
      slowestPerSecond[second] = Math.max(slowestPerSecond[second], micros);
    }
    if (!measured) {
      return;
    }
    latency.recordValue(micros);
    if (status < 0) {
      errors++;
    } else if (status / 100 == 2) {
      ok++;
    } else {
      non2xx++;
    }
    if (ok + non2xx + errors == total - warmup) {
      result.complete(summary());
    }
  }

  /** What was measured; requests still unanswered count as errors. */
  private String summary() {
    long measured = total - warmup;
    if (slowestPerSecond != null) {
      // the warm-up's seconds too: a stall there (a cold path compiled under load) is worth seeing
      StringBuilder line = new StringBuilder("TIMELINE slowest ms per second, | where measuring starts:");
      for (int second = 0; second < slowestPerSecond.length; second++) {
        line.append(second == (int) (warmup / rate) ? " | " : " ").append(slowestPerSecond[second] / 1000);
      }
      System.err.println(line);
    }
    return String.format("RESULT rate=%.0f sent=%d ok=%d non2xx=%d errors=%d p50_us=%d p90_us=%d p99_us=%d"
            + " p999_us=%d max_us=%d", rate, measured, ok, non2xx, measured - ok - non2xx,
        latency.getValueAtPercentile(50), latency.getValueAtPercentile(90), latency.getValueAtPercentile(99),
        latency.getValueAtPercentile(99.9), latency.getMaxValue());
  }

  private Buffer request(long n) {
    int visitor = 1 + (int) Math.floorMod(n * 2_654_435_761L, VISITORS);
    String[] page = PAGES[visitor % PAGES.length];
    // no String.format or split here: both run regular expressions, and this runs for every request
    StringBuilder body = new StringBuilder(480).append("{\"site\":\"").append(site).append("\",\"visitor\":\"vis");
    padded(body, visitor, 13).append("\",\"session\":\"ses");
    padded(body, visitor, 8).append("\",\"id\":\"").append(prefix).append(n)
        .append("\",\"type\":\"pageview\",\"url\":\"").append(page[0]).append("\",\"title\":\"").append(page[1])
        .append("\",\"referrer\":\"https://www.google.com/\",\"utm\":{\"source\":\"").append(page[2])
        .append("\",\"medium\":\"").append(page[3]).append("\",\"campaign\":\"").append(page[4])
        .append("\"},\"ts\":1795000000000,\"props\":{\"lang\":\"en-US\",\"screen\":\"1920x1080\"}}");
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    return Buffer.buffer(bytes.length + head.length() + 24).appendString(head).appendString("Content-Length: ")
        .appendString(Integer.toString(bytes.length)).appendString("\r\n\r\n").appendBytes(bytes);
  }

  private static StringBuilder padded(StringBuilder out, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(digits);
  }

  /** One keep-alive connection with at most one request in flight; reads a response by its Content-Length. */
  private final class Connection {
    private final NetSocket socket;
    private Buffer pending = Buffer.buffer();
    private long dueAt;
    private boolean measured;
    private Runnable onAnswer;

    Connection(NetSocket socket) {
      this.socket = socket;
      socket.handler(this::received);
      socket.closeHandler(closed -> {
        if (onAnswer != null) {
          onAnswer = null;
          answered(dueAt, measured, -1);
        }
      });
    }

    void send(Buffer request, long dueAt, boolean measured, Runnable onAnswer) {
      this.dueAt = dueAt;
      this.measured = measured;
      this.onAnswer = onAnswer;
      socket.write(request);
    }

    private void received(Buffer data) {
      pending = pending.length() == 0 ? data : pending.appendBuffer(data);
      int headEnd = headEnd(pending);
      if (headEnd < 0) {
        return;
      }
      int length = contentLength(pending, headEnd);
      if (pending.length() < headEnd + 4 + length) {
        return;
      }
      int status = (pending.getByte(9) - '0') * 100 + (pending.getByte(10) - '0') * 10 + (pending.getByte(11) - '0');
      pending = pending.length() == headEnd + 4 + length ? Buffer.buffer()
          : pending.getBuffer(headEnd + 4 + length, pending.length());
      Runnable next = onAnswer;
      onAnswer = null;
      if (next == null) {
        return; // an answer to nothing asked: the connection is not to be trusted, leave it out of the pool
      }
      answered(dueAt, measured, status);
      next.run();
    }

    private static int headEnd(Buffer buffer) {
      for (int i = 0; i + 3 < buffer.length(); i++) {
        if (buffer.getByte(i) == '\r' && buffer.getByte(i + 1) == '\n' && buffer.getByte(i + 2) == '\r'
            && buffer.getByte(i + 3) == '\n') {
          return i;
        }
      }
      return -1;
    }

    /** The Content-Length header's value, found without case and without building strings of the other lines. */
    private static int contentLength(Buffer buffer, int headEnd) {
      byte[] name = "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i + name.length <= headEnd; i++) {
        int k = 0;
        while (k < name.length && Character.toLowerCase(buffer.getByte(i + k)) == name[k]) {
          k++;
        }
        if (k == name.length) {
          int value = 0;
          for (int j = i + k; j < headEnd && buffer.getByte(j) != '\r'; j++) {
            byte b = buffer.getByte(j);
            if (b >= '0' && b <= '9') {
              value = value * 10 + (b - '0');
            }
          }
          return value;
        }
      }
      return 0;
    }
  }
}
