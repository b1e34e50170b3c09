package io.leadgate;

import io.leadgate.admin.Passwords;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * {@code java -jar leadgate.jar hash-password}: reads a password from standard input (from a terminal without
 * echo, asked twice) and prints its BCrypt hash, for {@code users[].passwordHash}. Exit 0, or 2 with the reason.
 */
final class HashPassword {
  static final String COMMAND = "hash-password";

  private HashPassword() {
  }

  static int run(String[] args) {
    if (args.length != 1) {
      System.err.println("leadgate: hash-password takes no arguments; it reads the password from standard input");
      return 2;
    }
    String password;
    try {
      password = read();
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("leadgate: " + e.getMessage());
      return 2;
    }
    try {
      System.out.println(Passwords.hash(password));
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println("leadgate: " + e.getMessage());
      return 2;
    }
  }

  private static String read() throws IOException {
    Console console = System.console();
    if (console != null) {
      char[] first = console.readPassword("password: ");
      char[] again = console.readPassword("again: ");
      if (first == null || again == null || !new String(first).equals(new String(again))) {
        throw new IllegalArgumentException("the two passwords differ");
      }
      return new String(first);
    }
    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (line == null) {
      throw new IllegalArgumentException("no password on standard input");
    }
    return line;
  }
}
