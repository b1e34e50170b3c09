package io.leadgate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} (from PATH) on a free port, with its own data directory and AOF fsync on every
 * write, so a test can stop it, start it again on the same port and find what was acknowledged.
 */
public final class RedisServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
  private final int port;
  private final Path dir;
  private Process process;

  private RedisServer(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  public static RedisServer start() {
    RedisServer server = perClass();
    server.startAgain();
    return server;
  }

  /**
   * One server for the test class, running from before its first test to after its last:
   * {@code @RegisterExtension static final RedisServer redis = RedisServer.perClass();}
   */
  public static RedisServer perClass() {
    try {
      return new RedisServer(freePort(), Files.createTempDirectory("leadgate-redis-"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot prepare a redis-server", e);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (!running()) {
      startAgain();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public boolean running() {
    return process != null && process.isAlive();
  }

  /** Starts the server (again) on the same port and data directory. */
  public void startAgain() {
    try {
      process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
          "--dir", dir.toString(), "--save", "", "--appendonly", "yes", "--appendfsync", "always",
          "--logfile", dir.resolve("redis.log").toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException("redis-server is not on PATH (apt-get install redis-server)", e);
    }
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (Instant.now().isBefore(deadline)) {
      if (ping()) {
        return;
      }
      sleep(20);
    }
    throw new IllegalStateException("redis-server did not answer on port " + port);
  }

  /** Stops the server the way a crash would not: it has fsynced every write already (appendfsync always). */
  public void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Sends one command with redis-cli-like inline syntax and returns the raw reply (for assertions). */
  public String command(String... args) {
    return command(port, args);
  }

  /** One command to the server on {@code port} of the loopback, its raw reply as text. */
  public static String command(int port, String... args) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      StringBuilder request = new StringBuilder("*" + args.length + "\r\n");
      for (String arg : args) {
        byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
        request.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
      }
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      return Resp.read(socket.getInputStream());
    } catch (IOException e) {
      throw new IllegalStateException("redis command failed on port " + port + ": " + String.join(" ", args), e);
    }
  }

  /** Empties the server between tests. */
  public void flush() {
    command("FLUSHALL");
  }

  private boolean ping() {
    try {
      return command("PING").equals("PONG");
    } catch (IllegalStateException e) {
      return false;
    }
  }

  @Override
  public void close() {
    stop();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Just enough RESP2 to read replies as text: arrays become lines joined by newlines. */
  static final class Resp {
    private Resp() {
    }

    static String read(InputStream in) throws IOException {
      String line = line(in);
      char kind = line.charAt(0);
      String rest = line.substring(1);
      switch (kind) {
        case '+', ':' -> {
          return rest;
        }
        case '-' -> {
          return "ERR:" + rest;
        }
        case '$' -> {
          int length = Integer.parseInt(rest);
          if (length < 0) {
            return "(nil)";
          }
          byte[] data = in.readNBytes(length + 2);
          return new String(data, 0, length, StandardCharsets.UTF_8);
        }
        case '*' -> {
          int count = Integer.parseInt(rest);
          if (count < 0) {
            return "(nil)";
          }
          StringBuilder out = new StringBuilder();
          for (int i = 0; i < count; i++) {
            if (i > 0) {
              out.append('\n');
            }
            out.append(read(in));
          }
          return out.toString();
        }
        default -> throw new IOException("unexpected reply " + line);
      }
    }

    private static String line(InputStream in) throws IOException {
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) != -1) {
        if (c == '\r') {
          in.read();
          break;
        }
        line.append((char) c);
      }
      if (c == -1 && line.length() == 0) {
        throw new IOException("connection closed");
      }
      return line.toString();
    }
  }
}
