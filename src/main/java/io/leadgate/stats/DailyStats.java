package io.leadgate.stats;

import java.util.Map;

/** One site's day, as the reports read it. */
public record DailyStats(String site, String day, long uniqueVisitors, Map<String, Long> events,
                         Map<String, Long> pageviews, Map<String, Long> downloads, Map<String, Long> sources) {
}
