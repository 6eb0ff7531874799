package io.codeanatomy.runtime.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.codeanatomy.contracts.canonical.CanonicalWriter;
import io.codeanatomy.contracts.canonical.Utf8;
import io.codeanatomy.contracts.relspec.FunctionInfo;
import io.codeanatomy.contracts.relspec.FunctionKind;
import io.codeanatomy.contracts.relspec.FunctionRegistrySnapshot;
import io.codeanatomy.contracts.relspec.RulepackSnapshot;
import io.codeanatomy.runtime.payload.StrictJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The old system's layouts of the function-registry and rulepack snapshots (docs/domain.md,
 * section 4): plain maps hashed without a contract envelope, as SHA-256 of the canonical
 * MessagePack of the map itself. An engine that reports these snapshots in the old form (the
 * rulepack's {@code unavailable} form among them, written by an engine that cannot list its
 * rules) gets the hashes the old system recorded. Stateless; the maps it returns are immutable.
 */
public final class LegacySnapshots {

  /** The reason the old system wrote when its engine bindings could not list the rules. */
  public static final String RULEPACK_UNAVAILABLE_REASON = "rulepack APIs not exposed";

  /** Entries in the order the layout states: by name, kind, signature, each by UTF-8 bytes. */
  private static final Comparator<Map<String, String>> ENTRY_ORDER =
      Comparator.<Map<String, String>, String>comparing(e -> e.get("name"), Utf8.COMPARATOR)
          .thenComparing(e -> e.get("kind"), Utf8.COMPARATOR)
          .thenComparing(e -> e.get("signature"), Utf8.COMPARATOR);

  private static final Set<String> KINDS = Set.of("scalar", "aggregate", "window", "table");

  private LegacySnapshots() {}

  /** A snapshot that is not in the old layout: the message names what was expected and what came. */
  public static final class LayoutException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    LayoutException(String message) {
      super(message);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // function registry

  /**
   * The function registry in the old layout: {@code {"functions": [entry, ...]}}, each entry
   * {@code {"kind": ..., "name": ..., "signature": ...}} with the kind in lower case, the entries
   * sorted by name, then kind, then signature (UTF-8 bytes).
   */
  public static Map<String, Object> functionRegistry(FunctionRegistrySnapshot snapshot) {
    List<Map<String, String>> entries = new ArrayList<>();
    for (FunctionInfo function : snapshot.getFunctionsList()) {
      if (function.getKind() == FunctionKind.FUNCTION_KIND_UNSPECIFIED
          || function.getKind() == FunctionKind.UNRECOGNIZED) {
        throw new LayoutException("function " + function.getName() + ": expected a kind of "
            + "scalar, aggregate, window or table, got " + function.getKind());
      }
      entries.add(entry(function.getName(), function.getKind().name().toLowerCase(Locale.ROOT),
          function.getSignature()));
    }
    return registry(entries);
  }

  private static Map<String, String> entry(String name, String kind, String signature) {
    Map<String, String> entry = new LinkedHashMap<>();
    entry.put("kind", kind);
    entry.put("name", name);
    entry.put("signature", signature);
    return java.util.Collections.unmodifiableMap(entry);
  }

  private static Map<String, Object> registry(List<Map<String, String>> entries) {
    List<Map<String, String>> sorted = new ArrayList<>(entries);
    sorted.sort(ENTRY_ORDER);
    return Map.of("functions", List.copyOf(sorted));
  }

  /**
   * Reads a function registry an engine wrote in the old layout, as JSON: an object with exactly
   * the member {@code functions}, an array of objects with exactly the string members {@code
   * name}, {@code kind} (one of scalar, aggregate, window, table) and {@code signature}; in any
   * order (the hash sorts them).
   *
   * @throws LayoutException naming the member that is not as the layout states
   * @throws StrictJson.MalformedJsonException when the text is not JSON
   */
  public static Map<String, Object> readFunctionRegistry(byte[] json) {
    JsonNode root = StrictJson.parse(json);
    members(root, "$", Set.of("functions"));
    JsonNode functions = root.get("functions");
    if (!functions.isArray()) {
      throw new LayoutException("$.functions: expected an array, got " + type(functions));
    }
    List<Map<String, String>> entries = new ArrayList<>();
    for (int i = 0; i < functions.size(); i++) {
      String path = "$.functions[" + i + "]";
      JsonNode entry = functions.get(i);
      members(entry, path, Set.of("name", "kind", "signature"));
      String kind = text(entry, path, "kind");
      if (!KINDS.contains(kind)) {
        throw new LayoutException(path + ".kind: expected one of aggregate, scalar, table, "
            + "window, got \"" + kind + "\"");
      }
      entries.add(entry(text(entry, path, "name"), kind, text(entry, path, "signature")));
    }
    return registry(entries);
  }

  // ---------------------------------------------------------------------------------------------
  // rulepack

  /**
   * The rulepack in the old layout when the engine lists its rules: {@code {"analyzer_rules",
   * "optimizer_rules", "physical_optimizer_rules", "source", "status": "ok"}}, each list in rule
   * order (this runtime's logical rules are the old system's optimizer rules).
   *
   * @param source the engine's session type name
   */
  public static Map<String, Object> rulepack(RulepackSnapshot snapshot, String source) {
    return rulepack(snapshot.getAnalyzerRulesList(), snapshot.getLogicalRulesList(),
        snapshot.getPhysicalRulesList(), source);
  }

  private static Map<String, Object> rulepack(List<String> analyzer, List<String> optimizer,
      List<String> physical, String source) {
    return Map.of("analyzer_rules", List.copyOf(analyzer), "optimizer_rules",
        List.copyOf(optimizer), "physical_optimizer_rules", List.copyOf(physical),
        "source", source, "status", "ok");
  }

  /**
   * The rulepack in the old layout when the engine cannot list its rules:
   * {@code {"reason": reason, "status": "unavailable"}}.
   */
  public static Map<String, Object> rulepackUnavailable(String reason) {
    return Map.of("reason", reason, "status", "unavailable");
  }

  /**
   * Reads a rulepack an engine wrote in the old layout, as JSON: either form, with exactly its
   * members ({@code status} {@code "ok"} with the three rule arrays of strings and {@code
   * source}, or {@code status} {@code "unavailable"} with {@code reason}).
   *
   * @throws LayoutException naming the member that is not as the layout states
   * @throws StrictJson.MalformedJsonException when the text is not JSON
   */
  public static Map<String, Object> readRulepack(byte[] json) {
    JsonNode root = StrictJson.parse(json);
    if (!root.isObject()) {
      throw new LayoutException("$: expected an object, got " + type(root));
    }
    JsonNode status = root.get("status");
    if (status == null || !status.isTextual()) {
      throw new LayoutException("$.status: expected \"ok\" or \"unavailable\", got "
          + (status == null ? "nothing" : type(status)));
    }
    switch (status.textValue()) {
      case "unavailable" -> {
        members(root, "$", Set.of("status", "reason"));
        return rulepackUnavailable(text(root, "$", "reason"));
      }
      case "ok" -> {
        members(root, "$", Set.of("status", "source", "analyzer_rules", "optimizer_rules",
            "physical_optimizer_rules"));
        return rulepack(rules(root, "analyzer_rules"), rules(root, "optimizer_rules"),
            rules(root, "physical_optimizer_rules"), text(root, "$", "source"));
      }
      default -> throw new LayoutException("$.status: expected \"ok\" or \"unavailable\", got \""
          + status.textValue() + "\"");
    }
  }

  private static List<String> rules(JsonNode root, String member) {
    JsonNode rules = root.get(member);
    if (!rules.isArray()) {
      throw new LayoutException("$." + member + ": expected an array of rule names, got "
          + type(rules));
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      if (!rules.get(i).isTextual()) {
        throw new LayoutException("$." + member + "[" + i + "]: expected a rule name, got "
            + type(rules.get(i)));
      }
      names.add(rules.get(i).textValue());
    }
    return names;
  }

  // ---------------------------------------------------------------------------------------------
  // hashing

  /** The canonical MessagePack of an old-layout snapshot: the map itself, keys sorted. */
  public static byte[] canonical(Map<String, Object> snapshot) {
    return new CanonicalWriter().writeValue(snapshot).toByteArray();
  }

  /** The old system's hash of an old-layout snapshot: SHA-256 of {@link #canonical}, in hex. */
  public static String hash(Map<String, Object> snapshot) {
    return new CanonicalWriter().writeValue(snapshot).sha256Hex();
  }

  // ---------------------------------------------------------------------------------------------
  // reading

  /** {@code node} is an object with exactly the members {@code required}. */
  private static void members(JsonNode node, String path, Set<String> required) {
    if (!node.isObject()) {
      throw new LayoutException(path + ": expected an object, got " + type(node));
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!required.contains(name)) {
        throw new LayoutException(path + ": expected only the members "
            + String.join(", ", new TreeSet<>(required)) + ", got also \"" + name + "\"");
      }
    }
    for (String name : new TreeSet<>(required)) {
      if (!node.has(name)) {
        throw new LayoutException(path + ": expected the member \"" + name + "\", got none");
      }
    }
  }

  private static String text(JsonNode node, String path, String member) {
    JsonNode value = node.get(member);
    if (!value.isTextual()) {
      throw new LayoutException(path + "." + member + ": expected a string, got " + type(value));
    }
    return value.textValue();
  }

  private static String type(JsonNode node) {
    return node.isNull() ? "null" : node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
