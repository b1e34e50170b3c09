package io.leadgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package map of docs/architecture.md, checked on the compiled classes of src/main (what the code really
 * imports, not what it says it does). The same graph by hand: {@code jdeps -verbose:package target/classes}.
 */
class ArchitectureTest {
  private static final String ROOT = "io.leadgate";
  private static final Set<String> ADAPTERS = Set.of("io.leadgate.redis", "io.leadgate.memory");
  /** What every feature may use; it knows no feature. */
  private static final Set<String> GROUND = Set.of("io.leadgate.core", "io.leadgate.config", "io.leadgate.net",
      "io.leadgate.http", "io.leadgate.ops");
  private static final Pattern EDGE = Pattern.compile("^\\s+(io\\.leadgate[\\w.]*)\\s+->\\s+(io\\.leadgate[\\w.]*)\\s");

  private static Map<String, Set<String>> imports;

  @BeforeAll
  static void readTheCompiledClasses() throws URISyntaxException {
    Path classes = Path.of(Gateway.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    imports = packageImports(classes);
    assertTrue(imports.keySet().containsAll(List.of(ROOT, "io.leadgate.collect", "io.leadgate.redis")),
        "jdeps read no io.leadgate classes from " + classes + ": " + imports.keySet());
  }

  @Test
  void srcMain_hasNoPackageCycle() {
    List<String> edges = edgesInCycles(imports);
    assertTrue(edges.isEmpty(), "package cycles (each edge lies on a cycle):\n" + String.join("\n", edges));
  }

  @Test
  void adapters_areImportedOnlyByTheCompositionRoot() {
    List<String> edges = edges(imports, (from, to) -> ADAPTERS.contains(to) && !from.equals(ROOT));
    assertTrue(edges.isEmpty(), "only " + ROOT + " may import an adapter:\n" + String.join("\n", edges));
  }

  @Test
  void core_importsNoOtherLeadgatePackage() {
    List<String> edges = edges(imports, (from, to) -> from.equals("io.leadgate.core"));
    assertTrue(edges.isEmpty(), "core is the ground every package stands on:\n" + String.join("\n", edges));
  }

  @Test
  void groundPackages_importNoFeatureAndNoAdapter() {
    List<String> edges = edges(imports, (from, to) -> GROUND.contains(from) && !GROUND.contains(to));
    assertTrue(edges.isEmpty(), GROUND + " may only import each other:\n" + String.join("\n", edges));
  }

  @Test
  void nothing_importsTheCompositionRoot() {
    List<String> edges = edges(imports, (from, to) -> to.equals(ROOT));
    assertTrue(edges.isEmpty(), ROOT + " wires the features; none may import it:\n" + String.join("\n", edges));
  }

  /** The check itself must see a cycle when there is one, and name every edge on it. */
  @Test
  void cycleCheck_aCycleOfThreePackages_namesItsThreeEdges() {
    Map<String, Set<String>> graph = Map.of(
        "a", Set.of("b"), "b", Set.of("c", "d"), "c", Set.of("a"), "d", Set.of());
    assertEquals(List.of("a -> b", "b -> c", "c -> a"), edgesInCycles(graph));
  }

  private static Map<String, Set<String>> packageImports(Path classes) {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new IllegalStateException(
        "the JDK's jdeps tool is missing (module jdk.jdeps): run the tests on a JDK"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", classes.toString());
    assertEquals(0, status, "jdeps failed: " + err);
    Map<String, Set<String>> graph = new TreeMap<>();
    for (String line : out.toString().split("\\R")) {
      Matcher edge = EDGE.matcher(line);
      if (edge.find() && !edge.group(1).equals(edge.group(2))) {
        graph.computeIfAbsent(edge.group(1), p -> new TreeSet<>()).add(edge.group(2));
        graph.computeIfAbsent(edge.group(2), p -> new TreeSet<>());
      }
    }
    return graph;
  }

  private interface EdgeRule {
    boolean offends(String from, String to);
  }

  private static List<String> edges(Map<String, Set<String>> graph, EdgeRule rule) {
    List<String> found = new ArrayList<>();
    graph.forEach((from, targets) -> targets.stream().filter(to -> rule.offends(from, to))
        .forEach(to -> found.add(from + " -> " + to)));
    return found;
  }

  /** The edges inside strongly connected components (Tarjan): exactly the edges that lie on some cycle. */
  private static List<String> edgesInCycles(Map<String, Set<String>> graph) {
    Map<String, Integer> component = new Components(graph).run();
    List<String> found = edges(graph, (from, to) -> component.get(from).equals(component.get(to)));
    found.sort(null);
    return found;
  }

  private static final class Components {
    private final Map<String, Set<String>> graph;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Map<String, Integer> component = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private int next;

    Components(Map<String, Set<String>> graph) {
      this.graph = graph;
    }

    Map<String, Integer> run() {
      new TreeSet<>(graph.keySet()).forEach(p -> {
        if (!index.containsKey(p)) {
          visit(p);
        }
      });
      return component;
    }

    private void visit(String p) {
      index.put(p, next);
      low.put(p, next++);
      stack.push(p);
      for (String q : graph.getOrDefault(p, Set.of())) {
        if (!index.containsKey(q)) {
          visit(q);
          low.put(p, Math.min(low.get(p), low.get(q)));
        } else if (stack.contains(q)) {
          low.put(p, Math.min(low.get(p), index.get(q)));
        }
      }
      if (low.get(p).equals(index.get(p))) {
        String q;
        do {
          q = stack.pop();
          component.put(q, index.get(p));
        } while (!q.equals(p));
      }
    }
  }
}
