package io.leadgate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadgate.config.ConfigException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds a configuration tree to {@link GatewayConfig} and reports every problem of the file, not only the first.
 * Jackson and the records' checks stop at the first problem, so after each one the setting at fault is taken out
 * of the tree (its default then applies) and the tree is bound again, until it binds or nothing is left to take
 * out. Where the setting is missing (a required field), the object that lacks it is taken out instead. A problem
 * at or above what was taken out only follows from the removal ({@code sites: must list at least one site} after
 * the only site went) and is not reported. Positions are those of the file as written, even after list entries
 * were taken out.
 */
final class ConfigBinding {
  private static final int MAX_PROBLEMS = 100;
  private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d*)\\]");
  /** The unit of a whole number, where its name does not say it. */
  private static final Map<String, String> UNITS = Map.of("bodyLimit", " of bytes");

  private final ObjectMapper mapper;
  private final String source;
  /** Paths (as written) taken out because something under them was missing: problems at or above are consequences. */
  private final List<String> takenOut = new ArrayList<>();
  /** Paths (as written) of settings taken out for a bad value. */
  private final List<String> dropped = new ArrayList<>();
  /** Per list (as written), the indexes (as written) of its entries taken out. */
  private final Map<String, List<Integer>> removedEntries = new HashMap<>();

  ConfigBinding(ObjectMapper mapper, String source) {
    this.mapper = mapper;
    this.source = source;
  }

  GatewayConfig bind(JsonNode tree) {
    JsonNode work = tree.deepCopy();
    List<ConfigException> problems = new ArrayList<>();
    while (true) {
      ConfigException problem = null;
      GatewayConfig config = null;
      try {
        config = mapper.treeToValue(work, GatewayConfig.class);
      } catch (JsonMappingException e) {
        problem = describe(e, work);
      } catch (JsonProcessingException e) {
        problem = new ConfigException("", "cannot be read: " + e.getOriginalMessage());
      } catch (ConfigException e) {
        if (e.problems().size() > 1) {
          throw e;
        }
        problem = e;
      }
      if (config != null) {
        if (problems.isEmpty()) {
          return config;
        }
        throw ConfigException.all(problems);
      }
      List<Object> path = segments(problem.field());
      // a field like sites[].key names no single entry: it is reported as written
      String asWritten = problem.field().contains("[]") ? problem.field() : render(asWritten(path));
      if (!isConsequence(asWritten)) {
        problems.add(new ConfigException(asWritten, problem.problem()).locate(source, ""));
      }
      if (problems.size() >= MAX_PROBLEMS || !takeOut(work, path)) {
        throw ConfigException.all(problems.isEmpty() ? List.of(problem.locate(source, "")) : problems);
      }
    }
  }

  /**
   * A problem at or above a setting already taken out follows from taking it out (a section that needs the
   * setting, a required field now missing), not from the file.
   */
  private boolean isConsequence(String field) {
    if (field.isEmpty()) {
      return !takenOut.isEmpty();
    }
    return java.util.stream.Stream.concat(dropped.stream(), takenOut.stream()).anyMatch(out -> out.equals(field)
        || out.startsWith(field + ".") || out.startsWith(field + "["));
  }

  /** Takes the setting at {@code path} out, or the object that should hold it; false when only the root is left. */
  private boolean takeOut(JsonNode root, List<Object> path) {
    boolean missing = false;
    for (int depth = path.size(); depth > 0; depth--) {
      List<Object> at = path.subList(0, depth);
      JsonNode parent = find(root, at.subList(0, depth - 1));
      Object last = at.get(depth - 1);
      boolean present = parent != null && (last instanceof Integer index
          ? parent.isArray() && index < parent.size() : parent.isObject() && parent.has((String) last));
      if (!present) {
        missing = true;
        continue;
      }
      String asWritten = render(asWritten(at));
      if (last instanceof Integer index) {
        removedEntries.computeIfAbsent(render(asWritten(at.subList(0, depth - 1))), k -> new ArrayList<>())
            .add(originalIndex(render(asWritten(at.subList(0, depth - 1))), index));
        ((ArrayNode) parent).remove(index);
      } else {
        ((ObjectNode) parent).remove((String) last);
      }
      (missing ? takenOut : dropped).add(asWritten);
      return true;
    }
    return false;
  }

  private static JsonNode find(JsonNode root, List<Object> path) {
    JsonNode node = root;
    for (Object segment : path) {
      if (node == null) {
        return null;
      }
      node = segment instanceof Integer index ? (node.isArray() ? node.get(index) : null)
          : (node.isObject() ? node.get((String) segment) : null);
    }
    return node;
  }

  /** A field path ({@code sites[0].key}) as names and indexes; it ends where an index is not known ({@code sites[]}). */
  private static List<Object> segments(String field) {
    List<Object> segments = new ArrayList<>();
    Matcher matcher = SEGMENT.matcher(field);
    while (matcher.find()) {
      if (matcher.group(1) != null) {
        segments.add(matcher.group(1));
      } else if (matcher.group(2).isEmpty()) {
        break;
      } else {
        segments.add(Integer.parseInt(matcher.group(2)));
      }
    }
    return segments;
  }

  /** The path with each list index as it was in the file, before entries were taken out. */
  private List<Object> asWritten(List<Object> path) {
    List<Object> written = new ArrayList<>();
    for (Object segment : path) {
      written.add(segment instanceof Integer index ? originalIndex(render(written), index) : segment);
    }
    return written;
  }

  private int originalIndex(String list, int index) {
    int original = index;
    for (int removed : removedEntries.getOrDefault(list, List.of()).stream().sorted().toList()) {
      if (removed <= original) {
        original++;
      }
    }
    return original;
  }

  private static String render(List<Object> path) {
    StringBuilder text = new StringBuilder();
    for (Object segment : path) {
      if (segment instanceof Integer index) {
        text.append('[').append(index).append(']');
      } else {
        text.append(text.length() == 0 ? "" : ".").append(segment);
      }
    }
    return text.toString();
  }

  /** What went wrong, in the words of every other configuration message: the field, the rule, what was given. */
  private static ConfigException describe(JsonMappingException e, JsonNode tree) {
    String path = pathOf(e);
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ConfigException config) {
        return config.problems().size() > 1 ? config : config.locate(null, path);
      }
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      String parent = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "";
      return new ConfigException(String.valueOf(unknown.getPropertyName()),
          "is not a known setting (known here: " + unknown.getKnownPropertyIds() + ")").locate(null, parent);
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      JsonNode given = find(tree, segments(path));
      String name = path.substring(path.lastIndexOf('.') + 1);
      return new ConfigException(path, "must be " + expected(mismatch.getTargetType(), name) + " (was " + shown(given) + ")");
    }
    String detail = e.getCause() instanceof IllegalArgumentException arg ? arg.getMessage() : e.getOriginalMessage();
    return new ConfigException(path, firstLine(detail));
  }

  private static String expected(Class<?> type, String name) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number" + UNITS.getOrDefault(name, "");
    } else if (type == Double.class || type == double.class) {
      return "a number";
    } else if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    } else if (type == String.class) {
      return "a text";
    } else if (List.class.isAssignableFrom(type) || Set.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    } else if (type.isEnum()) {
      return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.toString().toLowerCase(java.util.Locale.ROOT)).toList();
    }
    return "a section of settings (name: value)";
  }

  private static String shown(JsonNode given) {
    if (given == null || given.isNull()) {
      return "empty";
    } else if (given.isObject()) {
      return "a section";
    } else if (given.isArray()) {
      return "a list";
    } else if (given.isTextual()) {
      return "\"" + given.asText() + "\"";
    }
    return given.asText();
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      } else if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      }
    }
    return path.toString();
  }

  static String firstLine(String text) {
    if (text == null) {
      return "is not valid";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
