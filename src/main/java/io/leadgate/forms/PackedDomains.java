package io.leadgate.forms;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/**
 * A set of domain names packed into one byte array, sorted, searched by halving. The shipped disposable list alone
 * holds about 120,000 domains: as a hash set of strings that is about 10 MB of live heap, a third of the gateway's,
 * which every full collection walks and which sets the heap the gateway needs; packed it is about 2 MB in two
 * objects. A lookup costs about 17 comparisons, on the path of a form submission, not of intake.
 */
final class PackedDomains {
  private final byte[] names;
  /** Where each name starts in {@link #names}; one more entry than names, so name i ends where i + 1 starts. */
  private final int[] starts;

  private PackedDomains(byte[] names, int[] starts) {
    this.names = names;
    this.starts = starts;
  }

  /** The domains stripped and lower-cased (as {@link #contains} compares them), blanks and repeats dropped. */
  static PackedDomains of(Collection<String> domains) {
    byte[][] sorted = domains.stream()
        .map(d -> d.strip().toLowerCase(Locale.ROOT))
        .filter(d -> !d.isEmpty())
        .map(d -> d.getBytes(StandardCharsets.UTF_8))
        .sorted(Arrays::compareUnsigned)
        .toArray(byte[][]::new);
    int distinct = 0;
    int length = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || !Arrays.equals(sorted[i], sorted[distinct - 1])) {
        sorted[distinct++] = sorted[i];
        length += sorted[i].length;
      }
    }
    byte[] names = new byte[length];
    int[] starts = new int[distinct + 1];
    for (int i = 0; i < distinct; i++) {
      System.arraycopy(sorted[i], 0, names, starts[i], sorted[i].length);
      starts[i + 1] = starts[i] + sorted[i].length;
    }
    return new PackedDomains(names, starts);
  }

  /** @param domain lower case, as {@link #of} stored the names */
  boolean contains(String domain) {
    byte[] key = domain.getBytes(StandardCharsets.UTF_8);
    int low = 0;
    int high = starts.length - 2;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      int order = Arrays.compareUnsigned(names, starts[middle], starts[middle + 1], key, 0, key.length);
      if (order < 0) {
        low = middle + 1;
      } else if (order > 0) {
        high = middle - 1;
      } else {
        return true;
      }
    }
    return false;
  }

  int size() {
    return starts.length - 1;
  }
}
