package io.leadgate.identity;

import java.security.SecureRandom;
import java.util.function.Supplier;

/** Lead ids: {@code ld_} and 20 base32 characters (100 random bits), unguessable and safe in keys and URLs. */
public final class LeadIds implements Supplier<String> {
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final java.util.regex.Pattern FORMAT = java.util.regex.Pattern.compile("ld_[a-z2-7]{20}");
  private final SecureRandom random = new SecureRandom();

  @Override
  public String get() {
    char[] id = new char[20];
    for (int i = 0; i < id.length; i++) {
      id[i] = BASE32[random.nextInt(32)];
    }
    return "ld_" + new String(id);
  }

  public static boolean isLeadId(String text) {
    return text != null && FORMAT.matcher(text).matches();
  }
}
