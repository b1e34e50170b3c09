package io.leadgate.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadgate.collect.CollectService;
import io.leadgate.collect.EventBatch;
import io.leadgate.core.Event;
import io.leadgate.core.InvalidInput;
import io.vertx.core.Future;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Segment's HTTP Tracking API, on the gateway's intake: the write key names the site, each message becomes the
 * product's events ({@link MessageMapper}), and they go through {@link CollectService} as the snippet's do (backlog,
 * IP policy, the event log), except that an authenticated source is neither bot-filtered nor origin-checked. A
 * message is at most {@value #MAX_MESSAGE} bytes; a request at most {@value #MAX_REQUEST} (the router's limit for
 * {@code /v1/}). A request with any message at fault is refused whole, naming the field; SDKs do not retry a 400.
 */
public final class SegmentService {
  public static final int MAX_MESSAGE = 32 * 1024;
  public static final int MAX_REQUEST = 500 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final WriteKeys keys;
  private final MessageMapper mapper;
  private final CollectService intake;
  private final Clock clock;

  SegmentService(WriteKeys keys, MessageMapper mapper, CollectService intake, Clock clock) {
    this.keys = keys;
    this.mapper = mapper;
    this.intake = intake;
    this.clock = clock;
  }

  /**
   * One call ({@code /v1/track}, {@code /v1/page}, ...).
   *
   * @param authorization the request's Authorization header (Basic, the write key as username)
   * @param ip            the sender's address, for events whose {@code context.ip} names none
   * @return how many events were appended to the log
   */
  public Future<Integer> message(String authorization, MessageType type, byte[] body, String ip) {
    String site = keys.site(authorization);
    if (body.length > MAX_MESSAGE) {
      throw tooLarge(null);
    }
    JsonNode message = read(body);
    return append(mapper.events(site, type, message, "", null, -1, clock.millis()), ip);
  }

  /** {@code /v1/batch}: {@code {"batch": [messages], "context"?, "sentAt"?}}, each message naming its type. */
  public Future<Integer> batch(String authorization, byte[] body, String ip) {
    String site = keys.site(authorization);
    JsonNode request = read(body);
    JsonNode batch = request.get("batch");
    if (batch == null || !batch.isArray()) {
      throw InvalidInput.field("batch", "must be an array of messages");
    }
    MessageFields top = new MessageFields(request, "");
    JsonNode context = top.object(request, "context", "context");
    long sentAt = top.instant(request, "sentAt", "sentAt");
    long now = clock.millis();
    List<Event> events = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      JsonNode message = batch.get(i);
      String prefix = "batch[" + i + "].";
      if (size(message) > MAX_MESSAGE) {
        throw tooLarge("batch[" + i + "]");
      }
      MessageType type = MessageType.parse(message.path("type").asText(""))
          .orElseThrow(() -> InvalidInput.field(prefix + "type",
              "must be one of track, page, screen, identify, group, alias"));
      events.addAll(mapper.events(site, type, message, prefix, context, sentAt, now));
    }
    return append(events, ip);
  }

  private Future<Integer> append(List<Event> events, String ip) {
    if (events.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return intake.collect(new EventBatch(events, List.of()), CollectService.Requester.server(ip))
        .map(CollectService.Outcome::stored);
  }

  private static JsonNode read(byte[] body) {
    JsonNode node;
    try {
      node = body.length == 0 ? null : JSON.readTree(body);
    } catch (IOException e) {
      throw new InvalidInput("invalid_json", null, "the body is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw new InvalidInput("invalid_json", null, "the body must be a JSON object");
    }
    return node;
  }

  private static int size(JsonNode message) {
    try {
      return JSON.writeValueAsBytes(message).length;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree read from JSON writes again", e);
    }
  }

  private static InvalidInput tooLarge(String field) {
    return new InvalidInput("message_too_large", field, "a message may be at most " + MAX_MESSAGE / 1024 + " KB");
  }
}
