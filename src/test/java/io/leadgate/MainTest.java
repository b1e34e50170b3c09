package io.leadgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as an operator meets it: a bad configuration stops start-up, names the problem, exits 2. */
class MainTest {

  Process run(String... args) throws Exception {
    String[] command = new String[args.length + 4];
    command[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    command[1] = "-cp";
    command[2] = System.getProperty("java.class.path");
    command[3] = Main.class.getName();
    System.arraycopy(args, 0, command, 4, args.length);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("LEADGATE_REDIS_URL");
    builder.environment().remove("LEADGATE_CONFIG");
    return builder.start();
  }

  @Test
  void badConfigFile_exits2WithTheFileAndFieldNamed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("leadgate.yaml");
    Files.writeString(file, "sites:\n  - key: acme\n    visitorTtlDays: 0\n");
    Process process = run("--config", file.toString());
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, process.exitValue(), output);
    assertTrue(output.contains("config " + file + ": sites[0].visitorTtlDays: must be between 1 and 3650 (was 0)"), output);
  }

  @Test
  void unknownArgument_exits2WithTheUsage() throws Exception {
    Process process = run("--verbose");
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, process.exitValue(), output);
    assertTrue(output.contains("usage: java -jar leadgate.jar [--config FILE]"), output);
  }

  @Test
  void hashPassword_passwordOnStdin_printsABcryptHashThatMatchesIt() throws Exception {
    Process process = run("hash-password");
    process.getOutputStream().write("demo-console-change-me\n".getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, process.exitValue(), output);
    assertTrue(io.leadgate.admin.Passwords.isHash(output), output);
    assertTrue(io.leadgate.admin.Passwords.matches("demo-console-change-me", output));
    assertTrue(!io.leadgate.admin.Passwords.matches("another password", output));
  }

  @Test
  void hashPassword_nothingOnStdin_exits2() throws Exception {
    Process process = run("hash-password");
    process.getOutputStream().close();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, process.exitValue(), output);
    assertTrue(output.contains("no password on standard input"), output);
  }

  @Test
  void demoConfig_userDemoSignsInWithTheDocumentedPassword() {
    GatewayConfig demo = new ConfigLoader().load(null, java.util.Map.of());
    io.leadgate.admin.UserConfig user = demo.users().get(0);
    assertEquals("demo", user.name());
    assertEquals("admin", user.role());
    assertTrue(io.leadgate.admin.Passwords.matches("demo-console-change-me", user.passwordHash()));
  }
}
