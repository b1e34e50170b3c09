package io.leadgate.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.leadgate.core.Resources;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Recognises bots by user agent, from the maintained {@code crawler-user-agents} list shipped in the jar
 * (refreshed by {@code .ci/refresh-lists.sh}) and a small supplement of mail security scanners that list lacks
 * ({@code lists/link-scanners.json}, each entry with its source). The patterns are joined into one expression; the
 * verdict per distinct user agent is cached, since a site sees the same few hundred over and over.
 */
public final class BotFilter {
  private static final List<String> LISTS = List.of("lists/crawler-user-agents.json", "lists/link-scanners.json");
  private final Pattern bots;
  private final int patternCount;
  private final Cache<String, Boolean> verdicts = Caffeine.newBuilder().maximumSize(20_000).build();

  private BotFilter(List<String> patterns) {
    this.patternCount = patterns.size();
    this.bots = Pattern.compile(String.join("|", patterns.stream().map(p -> "(?:" + p + ")").toList()));
  }

  /** Loads the shipped lists; called once at start-up. */
  public static BotFilter shipped() {
    List<String> patterns = new ArrayList<>();
    for (String list : LISTS) {
      try {
        for (JsonNode entry : new ObjectMapper().readTree(Resources.read(list))) {
          String pattern = entry.path("pattern").asText("");
          if (!pattern.isEmpty() && compiles(pattern)) {
            patterns.add(pattern);
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException(list + " is not valid JSON", e);
      }
    }
    return new BotFilter(patterns);
  }

  /** A user agent that is missing or empty counts as a bot: every browser sends one. */
  public boolean isBot(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return true;
    }
    return verdicts.get(userAgent, ua -> bots.matcher(ua).find());
  }

  public int patternCount() {
    return patternCount;
  }

  private static boolean compiles(String pattern) {
    try {
      Pattern.compile(pattern);
      return true;
    } catch (PatternSyntaxException e) {
      return false;
    }
  }
}
