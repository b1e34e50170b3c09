package io.leadgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as an operator meets it: a bad configuration stops start-up, names the problem, exits 2. */
class MainTest {

  // Netty's switch for "no native library loads": what a kernel without io_uring, or Docker's seccomp profile, does
  static final String NO_NATIVE_LIBRARY = "-Dio.netty.transport.noNative=true";

  Process run(String... args) throws Exception {
    return runOnJvm(List.of(), args);
  }

  Process runOnJvm(List<String> jvmOptions, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("LEADGATE_REDIS_URL");
    builder.environment().remove("LEADGATE_CONFIG");
    return builder.start();
  }

  @Test
  void badConfigFile_exits2WithTheFileAndFieldNamed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("leadgate.yaml");
    String output = refusal(file, "sites:\n  - key: acme\n    visitorTtlDays: 0\n", List.of());
    assertTrue(output.contains("config " + file + ": sites[0].visitorTtlDays: must be between 1 and 3650 (was 0)"), output);
  }

  /** Writes {@code yaml} as the configuration file and starts Main on it; asserts it refused (exit 2). */
  String refusal(Path file, String yaml, List<String> jvmOptions) throws Exception {
    Files.writeString(file, yaml);
    Process process = runOnJvm(jvmOptions, "--config", file.toString());
    String output = output(process);
    assertEquals(2, process.exitValue(), output);
    return output;
  }

  static String output(Process process) throws Exception {
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "still running");
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  // The name was resolved while the gateway started, and the refusal came back as "could not start", exit 1.
  @Test
  void webhookHostNameResolvingToLoopback_exits2WithTheFileAndFieldNamed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("leadgate.yaml");
    String output = refusal(file, """
        server: {port: 0}
        sites: [{key: acme}]
        webhooks:
          - id: crm
            url: https://localhost/hook
            secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
        """, List.of());
    assertTrue(output.contains("leadgate: config " + file + ": webhooks[0].url: "), output);
    assertTrue(output.contains("a loopback address"), output);
  }

  @Test
  void configFileWithSeveralProblems_exits2WithOneLineForEach(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("leadgate.yaml");
    String output = refusal(file, "server: {bodyLimit: 64k}\nsites:\n  - key: acme\n    visitorTtlDays: 0\n",
        List.of());
    assertTrue(output.contains("leadgate: config " + file + ": server.bodyLimit: must be a whole number of bytes (was \"64k\")\n"
        + "leadgate: config " + file + ": sites[0].visitorTtlDays: must be between 1 and 3650 (was 0)"), output);
  }

  @Test
  void transportIoUringWhereItCannotRun_exits2AndNamesTheOtherChoices(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("leadgate.yaml");
    String output = refusal(file, "server: {port: 0, transport: io_uring}\nsites: [{key: acme}]\n",
        List.of(NO_NATIVE_LIBRARY));
    assertTrue(output.contains("leadgate: config " + file + ": server.transport: io_uring is not available here ("),
        output);
    assertTrue(output.contains("); use auto or nio"), output);
  }

  @Test
  void transportAutoWhereIoUringCannotRun_startsOnNioAndSaysWhy(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("leadgate.yaml");
    Files.writeString(file, "server: {port: 0}\nsites: [{key: acme}]\n");
    Process process = runOnJvm(List.of(NO_NATIVE_LIBRARY), "--config", file.toString());
    try {
      String line = lineContaining(process, "network: ");
      assertTrue(line.endsWith("network: nio (io_uring is not available here: Native transport was explicit disabled"
          + " with -Dio.netty.transport.noNative=true)"), line);
    } finally {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void transportUnknown_exits2WithTheChoices(@TempDir Path dir) throws Exception {
    String output = refusal(dir.resolve("leadgate.yaml"), "server: {transport: epoll}\nsites: [{key: acme}]\n",
        List.of());
    assertTrue(output.contains("server.transport: must be one of auto, io_uring, nio (was \"epoll\")"), output);
  }

  /** The first line of a running gateway's output that holds {@code text}; fails if it exits or 30 s pass first. */
  static String lineContaining(Process process, String text) throws Exception {
    BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> found = CompletableFuture.supplyAsync(() -> lines.lines()
        .filter(line -> line.contains(text)).findFirst().orElse("(exited without a line holding " + text + ")"));
    return found.get(30, TimeUnit.SECONDS);
  }

  @Test
  void help_printsTheUsageOptionsEnvironmentAndExitCodes_exits0() throws Exception {
    Process process = run("--help");
    String output = output(process);
    assertEquals(0, process.exitValue(), output);
    for (String part : List.of("usage: java -jar leadgate.jar [--config FILE]", "--version", "--demo-data", "LEADGATE_CONFIG",
        "LEADGATE_REDIS_URL", "LEADGATE_PORT", "exit codes", "  2 ")) {
      assertTrue(output.contains(part), part + " in:\n" + output);
    }
  }

  @Test
  void version_printsTheBuildsVersion_exits0() throws Exception {
    Process process = run("--version");
    String output = output(process);
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.strip().matches("leadgate \\d+\\.\\d+\\.\\d+\\S*"), output);
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
