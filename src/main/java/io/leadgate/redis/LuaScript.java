package io.leadgate.redis;

import io.leadgate.core.Resources;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A Lua script shipped in the jar under {@code redis/}, with the SHA-1 Redis caches it by. */
public record LuaScript(String name, String source, String sha) {

  public static LuaScript load(String name) {
    String source = new String(Resources.read("redis/" + name + ".lua"), StandardCharsets.UTF_8);
    return new LuaScript(name, source, sha1(source));
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }
}
