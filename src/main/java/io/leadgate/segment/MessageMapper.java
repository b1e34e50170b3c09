package io.leadgate.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadgate.collect.Identify;
import io.leadgate.core.Event;
import io.leadgate.core.EventType;
import io.leadgate.core.InvalidInput;
import io.leadgate.net.IpLiteral;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One Segment-spec message as the product's events (docs/segment.md has the table): {@code page} and {@code screen}
 * are page views, {@code track} a custom event (or a download, by name), {@code identify} the snippet's
 * {@code identify} event (its {@code traits.email} joins the visitor to that lead), {@code group} and {@code alias}
 * custom events named so, carrying the company's traits and the previous id. Plain Java: no HTTP, no store.
 */
final class MessageMapper {
  static final int MAX_URL = 2048;
  static final int MAX_TITLE = 512;
  static final int MAX_NAME = 128;
  static final int MAX_TAG = 256;
  /** Segment's campaign fields, by the utm tag each one is. */
  private static final Map<String, String> CAMPAIGN = Map.of("name", "campaign", "source", "source",
      "medium", "medium", "term", "term", "content", "content");
  private static final Set<String> PAGE_FIELDS = Set.of("url", "path", "title", "referrer", "search");
  private final Set<String> downloadNames;

  MessageMapper(SegmentConfig config) {
    this.downloadNames = config.downloadNames();
  }

  /**
   * @param message      the message as sent
   * @param prefix       how the message is named in error fields ({@code ""} or {@code "batch[3]."})
   * @param batchContext the batch's own {@code context}, under the message's (null when none)
   * @param batchSentAt  the batch's {@code sentAt} (-1 when none), for a message without its own
   * @return the events to append: one, or two for an identify that names both an anonymous and a known user
   */
  List<Event> events(String site, MessageType type, JsonNode message, String prefix, JsonNode batchContext,
                     long batchSentAt, long receivedAt) {
    if (message == null || !message.isObject()) {
      throw new InvalidInput("invalid_message", prefix.isEmpty() ? null : prefix.substring(0, prefix.length() - 1),
          "a message must be a JSON object");
    }
    MessageFields f = new MessageFields(message, prefix);
    String anonymousId = f.id("anonymousId");
    String userId = f.id("userId");
    if (anonymousId == null && userId == null) {
      throw InvalidInput.field(f.field("userId"), "a message needs a userId or an anonymousId");
    }
    if (type == MessageType.ALIAS && userId == null) {
      throw InvalidInput.field(f.field("userId"), "an alias needs the userId that the previousId becomes");
    }
    String messageId = f.id("messageId");
    String eventKey = messageId != null ? messageId : UUID.randomUUID().toString();
    JsonNode context = context(f, batchContext);
    Shape shape = shape(type, f, context);
    long clientTs = clientTs(f, batchSentAt, receivedAt);
    String ip = ip(f, context);
    JsonNode page = f.object(context, "context.page", "page");
    String referrer = webUrl(f.text(page, "context.page.referrer", "referrer", Integer.MAX_VALUE));
    Map<String, String> utm = campaign(f, context);
    List<Event> events = new ArrayList<>(2);
    for (String visitor : visitors(type, anonymousId, userId)) {
      events.add(new Event(SegmentIds.event(eventKey, visitor), site, visitor, null, shape.type(), shape.url(),
          shape.page(), shape.title(), referrer, utm, Map.of(), shape.name(), shape.props(), clientTs, receivedAt, ip));
    }
    return events;
  }

  /** What a message of each type is, apart from who and when. */
  private record Shape(EventType type, String url, String page, String title, String name, Map<String, Object> props) {
  }

  private Shape shape(MessageType type, MessageFields f, JsonNode context) {
    JsonNode page = f.object(context, "context.page", "page");
    String pageUrl = webUrl(f.text(page, "context.page.url", "url", Integer.MAX_VALUE));
    return switch (type) {
      case PAGE -> page(f, page, pageUrl);
      case SCREEN -> screen(f);
      case TRACK -> track(f, pageUrl);
      case IDENTIFY -> identify(f, context, pageUrl);
      case GROUP -> group(f, pageUrl);
      case ALIAS -> alias(f, pageUrl);
    };
  }

  private static Shape page(MessageFields f, JsonNode contextPage, String pageUrl) {
    JsonNode properties = f.object(f.node(), "properties", "properties");
    String name = f.text("name", MAX_NAME);
    String url = firstOf(webUrl(f.text(properties, "properties.url", "url", Integer.MAX_VALUE)), pageUrl,
        path(f.text(properties, "properties.path", "path", MAX_URL)),
        path(f.text(contextPage, "context.page.path", "path", MAX_URL)), "/");
    String title = firstOf(f.text(properties, "properties.title", "title", MAX_TITLE),
        f.text(contextPage, "context.page.title", "title", MAX_TITLE), name);
    Map<String, Object> props = MessageFields.props();
    MessageFields.scalars(properties, props);
    props.keySet().removeAll(PAGE_FIELDS);
    return new Shape(EventType.PAGEVIEW, url, null, title, name, props);
  }

  /** A screen of an app is a page view of the path {@code /screen/<name>}: reports list it among the pages. */
  private static Shape screen(MessageFields f) {
    String name = f.text("name", MAX_NAME);
    Map<String, Object> props = MessageFields.props();
    MessageFields.scalars(f.object(f.node(), "properties", "properties"), props);
    String url = name == null ? "/screen" : "/screen/" + name.replace('?', '_').replace('#', '_');
    return new Shape(EventType.PAGEVIEW, url, null, name, name, props);
  }

  private Shape track(MessageFields f, String pageUrl) {
    String name = f.text("event", MAX_NAME);
    if (name == null) {
      throw InvalidInput.field(f.field("event"), "is required");
    }
    JsonNode properties = f.object(f.node(), "properties", "properties");
    Map<String, Object> props = MessageFields.props();
    MessageFields.scalars(properties, props);
    if (downloadNames.contains(name.strip().toLowerCase(Locale.ROOT))) {
      String asset = firstOf(f.text(properties, "properties.url", "url", MAX_URL),
          f.text(properties, "properties.file", "file", MAX_URL), f.text(properties, "properties.path", "path", MAX_URL),
          name);
      return new Shape(EventType.DOWNLOAD, asset, pageUrl, null, name, props);
    }
    return new Shape(EventType.CUSTOM, orRoot(pageUrl), pageUrl, null, name, props);
  }

  /** The snippet's identify event: {@code email} first, so the traits' cap never drops it. */
  private static Shape identify(MessageFields f, JsonNode context, String pageUrl) {
    JsonNode traits = f.object(f.node(), "traits", "traits");
    if (traits == null) {
      traits = f.object(context, "context.traits", "traits");
    }
    Map<String, Object> props = MessageFields.props();
    JsonNode email = traits == null ? null : traits.get(Identify.EMAIL);
    if (email != null && email.isTextual()) {
      props.put(Identify.EMAIL, email.asText());
    }
    MessageFields.scalars(traits, props);
    return new Shape(EventType.CUSTOM, orRoot(pageUrl), pageUrl, null, Identify.EVENT, props);
  }

  private static Shape group(MessageFields f, String pageUrl) {
    String groupId = f.id("groupId");
    if (groupId == null) {
      throw InvalidInput.field(f.field("groupId"), "is required");
    }
    Map<String, Object> props = MessageFields.props();
    props.put("groupId", cut(groupId, MessageFields.MAX_PROP_VALUE));
    MessageFields.scalars(f.object(f.node(), "traits", "traits"), props);
    return new Shape(EventType.CUSTOM, orRoot(pageUrl), pageUrl, null, "group", props);
  }

  private static Shape alias(MessageFields f, String pageUrl) {
    String previousId = f.id("previousId");
    if (previousId == null) {
      throw InvalidInput.field(f.field("previousId"), "is required");
    }
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("previousId", cut(previousId, MessageFields.MAX_PROP_VALUE));
    return new Shape(EventType.CUSTOM, orRoot(pageUrl), pageUrl, null, "alias", props);
  }

  /**
   * The visitor a message is recorded on: the anonymous one when there is one (it holds the browser's history),
   * else the user's. An identify naming both is recorded on both, so that both join the lead of its email; an
   * alias goes to its user.
   */
  private static List<String> visitors(MessageType type, String anonymousId, String userId) {
    if (type == MessageType.ALIAS) {
      return List.of(SegmentIds.userVisitor(userId));
    }
    if (type == MessageType.IDENTIFY && anonymousId != null && userId != null) {
      return List.of(SegmentIds.anonymousVisitor(anonymousId), SegmentIds.userVisitor(userId));
    }
    return List.of(anonymousId != null ? SegmentIds.anonymousVisitor(anonymousId) : SegmentIds.userVisitor(userId));
  }

  /** The batch's context under the message's own: the message's fields win, one level deep. */
  private static JsonNode context(MessageFields f, JsonNode batchContext) {
    JsonNode own = f.object(f.node(), "context", "context");
    if (batchContext == null || !batchContext.isObject()) {
      return own;
    }
    if (own == null) {
      return batchContext;
    }
    ObjectNode merged = ((ObjectNode) batchContext).deepCopy();
    merged.setAll((ObjectNode) own);
    return merged;
  }

  /**
   * When the message says it happened: {@code timestamp} as given (an import of the past), else
   * {@code originalTimestamp} moved by the sender's clock skew (the gateway's time minus {@code sentAt}), as Segment
   * does. Reports still go by the gateway's clock ({@code receivedAt}), as for the snippet's events.
   */
  private static long clientTs(MessageFields f, long batchSentAt, long receivedAt) {
    long timestamp = f.instant(f.node(), "timestamp", "timestamp");
    if (timestamp >= 0) {
      return timestamp;
    }
    long original = f.instant(f.node(), "originalTimestamp", "originalTimestamp");
    if (original < 0) {
      return 0;
    }
    long sentAt = f.instant(f.node(), "sentAt", "sentAt");
    sentAt = sentAt >= 0 ? sentAt : batchSentAt;
    return sentAt < 0 ? original : Math.max(0, original + (receivedAt - sentAt));
  }

  /** {@code context.ip} when it is an address: a server sends for its users, from its own address. */
  private static String ip(MessageFields f, JsonNode context) {
    String text = f.text(context, "context.ip", "ip", 64);
    if (text == null) {
      return null;
    }
    try {
      InetAddress address = IpLiteral.parseStrict(text);
      return address == null ? null : address.getHostAddress();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Map<String, String> campaign(MessageFields f, JsonNode context) {
    JsonNode campaign = f.object(context, "context.campaign", "campaign");
    if (campaign == null) {
      return Map.of();
    }
    Map<String, String> utm = new LinkedHashMap<>();
    CAMPAIGN.forEach((field, tag) -> {
      String value = f.text(campaign, "context.campaign." + field, field, MAX_TAG);
      if (value != null) {
        utm.put(tag, value);
      }
    });
    return utm;
  }

  /** An absolute http(s) URL without white space, else null: a server's page fields are hints, not rules. */
  static String webUrl(String value) {
    if (value == null || value.length() > MAX_URL) {
      return null;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    int start = lower.startsWith("https://") ? 8 : lower.startsWith("http://") ? 7 : -1;
    if (start < 0 || value.length() == start || "/?#".indexOf(value.charAt(start)) >= 0) {
      return null;
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isWhitespace(value.charAt(i))) {
        return null;
      }
    }
    return value;
  }

  private static String path(String value) {
    return value == null ? null : value.startsWith("/") ? value : "/" + value;
  }

  private static String orRoot(String pageUrl) {
    return pageUrl != null ? pageUrl : "/";
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }

  @SafeVarargs
  private static <T> T firstOf(T... values) {
    for (T value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
