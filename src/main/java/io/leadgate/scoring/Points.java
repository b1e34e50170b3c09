package io.leadgate.scoring;

/**
 * What one behaviour rule gives one event.
 *
 * @param maxPerDay the rule's daily cap per lead, 0 for none
 */
public record Points(String rule, int points, int maxPerDay) {
}
