package io.leadgate.admin;

import io.leadgate.config.Check;
import io.leadgate.http.Role;
import java.util.Locale;

/**
 * One console user of the {@code users:} list. Only a BCrypt hash of the password is configured
 * ({@code java -jar leadgate.jar hash-password}), so the file holds nothing that signs anyone in.
 *
 * @param name         the name the user signs in with (recorded in histories as {@code user:NAME})
 * @param role         {@code viewer}, {@code sales} or {@code admin}
 * @param passwordHash the password's BCrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}, cost 10 or more)
 */
public record UserConfig(String name, String role, String passwordHash) {
  public UserConfig {
    name = Check.required(name, "name").strip();
    Check.that(name.matches("[\\p{L}\\p{N}._@-]{1,64}"), "name",
        "must be 1 to 64 letters, digits or . _ @ - (was \"" + name + "\")");
    role = Check.required(role, "role").strip().toLowerCase(Locale.ROOT);
    String given = role;
    Check.that(Role.parse(role).isPresent(), "role", "must be one of " + Role.labels() + " (was \"" + given + "\")");
    passwordHash = Check.required(passwordHash, "passwordHash").strip();
    Check.that(Passwords.isHash(passwordHash), "passwordHash",
        "must be a BCrypt hash of cost 10 or more, as java -jar leadgate.jar hash-password prints it");
  }

  public Role access() {
    return Role.parse(role).orElseThrow();
  }

  @Override
  public String toString() {
    return "UserConfig[name=" + name + ", role=" + role + "]";
  }
}
