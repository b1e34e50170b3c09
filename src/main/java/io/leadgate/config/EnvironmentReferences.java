package io.leadgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts environment variables into the configuration's text values, as Docker Compose does, so that secrets (webhook
 * secrets, CRM tokens and client secrets, password hashes) can stay out of the file: {@code ${NAME}} is the variable's
 * value, {@code ${NAME:-default}} the default when the variable is unset or empty, and {@code $$} a plain {@code $}
 * (so {@code $${NAME}} stays as written). Keys are never replaced, only values.
 */
public final class EnvironmentReferences {
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}|\\$\\{[^}]*}?");

  private EnvironmentReferences() {
  }

  /**
   * The tree with every reference in its text values replaced; a value without {@code $} is left as it is.
   *
   * @throws ConfigException naming each field whose variable is unset (without a default) or whose reference is
   *                         malformed
   */
  public static JsonNode resolve(JsonNode tree, Map<String, String> env) {
    List<ConfigException> problems = new ArrayList<>();
    JsonNode resolved = resolve(tree, "", env, problems);
    if (!problems.isEmpty()) {
      throw ConfigException.all(problems);
    }
    return resolved;
  }

  private static JsonNode resolve(JsonNode node, String path, Map<String, String> env,
                                  List<ConfigException> problems) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        field.setValue(resolve(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), env,
            problems));
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, resolve(array.get(i), path + "[" + i + "]", env, problems));
      }
    } else if (node.isTextual() && node.textValue().indexOf('$') >= 0) {
      return TextNode.valueOf(text(node.textValue(), path, env, problems));
    }
    return node;
  }

  private static String text(String value, String path, Map<String, String> env, List<ConfigException> problems) {
    Matcher reference = REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (reference.find()) {
      String replacement;
      if (reference.group().equals("$$")) {
        replacement = "$";
      } else if (reference.group(1) == null) {
        problems.add(new ConfigException(path, "\"" + reference.group() + "\" is not a reference to an environment "
            + "variable: write ${NAME} or ${NAME:-default}, or $$ for a plain $"));
        replacement = reference.group();
      } else {
        String set = env.get(reference.group(1));
        boolean missing = set == null || set.isEmpty();
        if (missing && reference.group(2) == null) {
          problems.add(new ConfigException(path, "refers to the environment variable " + reference.group(1)
              + ", which is not set or empty (or give a default: ${" + reference.group(1) + ":-default})"));
        }
        replacement = missing ? (reference.group(2) == null ? "" : reference.group(2)) : set;
      }
      reference.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    reference.appendTail(out);
    return out.toString();
  }
}
