package io.leadgate.redis;

import io.leadgate.core.Resources;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A Lua script shipped in the jar under {@code redis/}, with the SHA-1 Redis caches it by. */
public record LuaScript(String name, String source, String sha) {

  /**
   * @param libraries scripts of local functions put before this one, so that a step two scripts share (keeping a dead
   *                  letter under its cap) is written once and still runs inside each script's atomic call
   */
  public static LuaScript load(String name, String... libraries) {
    StringBuilder source = new StringBuilder();
    for (String library : libraries) {
      source.append(read(library)).append('\n');
    }
    source.append(read(name));
    return new LuaScript(name, source.toString(), sha1(source.toString()));
  }

  private static String read(String name) {
    return new String(Resources.read("redis/" + name + ".lua"), StandardCharsets.UTF_8);
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }
}
