import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadgate.core.Event;
import io.leadgate.collect.EventBodyParser;
import io.leadgate.core.EventJson;
import io.leadgate.collect.EventParser;
import io.leadgate.core.EventType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.ToIntFunction;

/**
 * The intake's JSON work per event, old against new, in one process: the old path (databind's readTree, the rules
 * run over the tree, as the pixel's query parameters still are, and databind's writeValueAsString) against the
 * streaming one ({@link EventBodyParser} and {@link EventJson#encode}), on the page view that bench/pageview.lua
 * sends. Each is warmed up, then timed in rounds; the best round is printed (the others only add noise from
 * the machine), with the ratio. Both paths are first checked to give the same event and the same bytes.
 *
 * <p>Run from the repository: {@code mvn -B -ntp -o package -DskipTests && java -cp target/leadgate.jar
 * bench/IntakeCodecBench.java} (optional arguments: rounds, and events per round).
 */
public final class IntakeCodecBench {
  static final byte[] BODY = ("{\"site\":\"bench\",\"visitor\":\"vis0000000012345\",\"session\":\"ses00012345\","
      + "\"id\":\"r-t1-00000002\",\"type\":\"pageview\",\"url\":\"https://www.acme-example.com/pricing"
      + "?utm_source=newsletter&utm_medium=email&utm_campaign=q4-launch\",\"title\":\"Pricing - ACME Analytics for B2B"
      + " teams\",\"referrer\":\"https://www.google.com/\",\"utm\":{\"source\":\"newsletter\",\"medium\":\"email\","
      + "\"campaign\":\"q4-launch\"},\"ts\":1795000000000,\"props\":{\"lang\":\"en-US\",\"screen\":\"1920x1080\"}}")
      .getBytes(StandardCharsets.UTF_8);
  static final long NOW = 1_795_000_000_500L;
  static final ObjectMapper DATABIND = new ObjectMapper();
  static final EventParser TREE_PARSER = new EventParser();
  static final EventBodyParser STREAM_PARSER = new EventBodyParser();
  static long sink;

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    Event oldEvent = oldParse(BODY);
    Event newEvent = newParse(BODY);
    if (!oldEvent.equals(newEvent) || !DATABIND.writeValueAsString(oldEvent).equals(EventJson.encode(newEvent))) {
      throw new AssertionError("the two paths disagree:\n" + oldEvent + "\n" + newEvent);
    }
    System.out.printf("body %d bytes, log entry %d characters; %d rounds of %d events after warm-up%n", BODY.length,
        EventJson.encode(newEvent).length(), rounds, perRound);
    compare("parse (body -> Event)", rounds, perRound, body -> oldParse(body).url().length(),
        body -> newParse(body).url().length());
    compare("encode (Event -> log entry)", rounds, perRound, body -> oldEncode(oldEvent).length(),
        body -> EventJson.encode(newEvent).length());
    compare("parse + encode", rounds, perRound, body -> oldEncode(oldParse(body)).length(),
        body -> EventJson.encode(newParse(body)).length());
    System.out.println("(sink " + (sink & 1) + ")");
  }

  static Event oldParse(byte[] body) {
    try {
      return withIp(TREE_PARSER.parse(DATABIND.readTree(body), "", NOW));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String oldEncode(Event event) {
    try {
      return DATABIND.writeValueAsString(event);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Event newParse(byte[] body) {
    return withIp(STREAM_PARSER.parse(body, NOW).events().get(0));
  }

  /** The service keeps the anonymised address on the event it logs; both paths pay the same copy. */
  static Event withIp(Event e) {
    return new Event(e.id(), e.site(), e.visitor(), e.session(), e.type(), e.url(), e.page(), e.title(), e.referrer(),
        e.utm(), e.click(), e.name(), e.props(), e.clientTs(), e.receivedAt(), "203.0.113.0");
  }

  static void compare(String what, int rounds, int perRound, ToIntFunction<byte[]> old, ToIntFunction<byte[]> now) {
    for (int warm = 0; warm < 5; warm++) {
      round(old, perRound);
      round(now, perRound);
    }
    double[] oldNs = new double[rounds];
    double[] newNs = new double[rounds];
    for (int r = 0; r < rounds; r++) { // interleaved, so drift in the machine hits both alike
      oldNs[r] = round(old, perRound);
      newNs[r] = round(now, perRound);
    }
    double oldBest = Arrays.stream(oldNs).min().orElseThrow();
    double newBest = Arrays.stream(newNs).min().orElseThrow();
    System.out.printf("%-28s old %8.0f ns/event (median %6.0f)   new %8.0f ns/event (median %6.0f)   old/new %.2fx%n",
        what, oldBest, median(oldNs), newBest, median(newNs), oldBest / newBest);
  }

  static double round(ToIntFunction<byte[]> work, int events) {
    long start = System.nanoTime();
    long sum = 0;
    for (int i = 0; i < events; i++) {
      sum += work.applyAsInt(BODY);
    }
    sink += sum;
    return (System.nanoTime() - start) / (double) events;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
