package io.leadgate.memory;

import io.leadgate.core.Shards;
import io.leadgate.webhooks.WebhookStore.DeadLetter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One endpoint's dead letters in this process, kept per virtual shard and capped as {@code wh_dead_letter.lua} caps
 * them on Redis: the ones that died first go first (ties by event id, as a sorted set orders them). Not thread-safe:
 * {@link MemoryWebhookStore} holds its lock.
 */
final class MemoryDeadLetters {
  private static final Comparator<DeadLetter> OLDEST_FIRST = Comparator.comparingLong(DeadLetter::deadAtMs)
      .thenComparing(d -> d.event().id());

  private final List<Map<String, DeadLetter>> byId = new ArrayList<>();
  private final List<TreeSet<DeadLetter>> byAge = new ArrayList<>();

  MemoryDeadLetters() {
    for (int s = 0; s < Shards.COUNT; s++) {
      byId.add(new HashMap<>());
      byAge.add(new TreeSet<>(OLDEST_FIRST));
    }
  }

  /** Keeps the letter (replacing one of the same event) and at most {@code cap} in its shard. */
  void keep(DeadLetter letter, long cap) {
    int shard = Shards.ofLead(letter.event().leadId());
    remove(letter.event().id());
    byId.get(shard).put(letter.event().id(), letter);
    TreeSet<DeadLetter> ages = byAge.get(shard);
    ages.add(letter);
    while (ages.size() > cap) {
      byId.get(shard).remove(ages.pollFirst().event().id());
    }
  }

  /** Takes the event's dead letter out; null when there is none. */
  DeadLetter remove(String eventId) {
    for (int s = 0; s < Shards.COUNT; s++) {
      DeadLetter letter = byId.get(s).remove(eventId);
      if (letter != null) {
        byAge.get(s).remove(letter);
        return letter;
      }
    }
    return null;
  }

  /** The lead's dead letters (its shard only). */
  List<DeadLetter> ofLead(String leadId) {
    return byId.get(Shards.ofLead(leadId)).values().stream().filter(d -> leadId.equals(d.event().leadId())).toList();
  }

  /** As the Redis store reads them: at most {@code max} per shard, shard after shard, then by when they died. */
  List<DeadLetter> since(long sinceMs, int max) {
    List<DeadLetter> letters = new ArrayList<>();
    for (TreeSet<DeadLetter> shard : byAge) {
      shard.stream().filter(d -> d.deadAtMs() >= sinceMs).limit(max).forEach(letters::add);
    }
    letters.sort(Comparator.comparingLong(DeadLetter::deadAtMs));
    return letters.size() > max ? new ArrayList<>(letters.subList(0, max)) : letters;
  }
}
