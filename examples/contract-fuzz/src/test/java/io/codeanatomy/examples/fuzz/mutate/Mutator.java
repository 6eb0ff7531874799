package io.codeanatomy.examples.fuzz.mutate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded mutations of contract sources, Java or {@code .proto}, on the text: what a user's edit
 * (or typo) does to a declaration. Each operator rewrites one spot the contract language gives
 * meaning to (an annotation value, a component's type or name, an annotation or marker added,
 * dropped or copied, a field number or option, a line dropped or doubled), so most mutants reach
 * the processor and are either refused with a diagnostic or accepted and compiled. The same seed
 * and text give the same mutant.
 */
public final class Mutator {

  /** A mutated text and what was done to it (for the failure report). */
  public record Mutant(String text, List<String> operations) {}

  private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\\\n])*\"");
  private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?\\d+(?![\\w.])");
  private static final Pattern JAVA_TYPE = Pattern.compile("\\b(?:int|long|double|boolean|String"
      + "|Duration|byte\\[\\]|OptionalInt|OptionalLong|OptionalDouble|Integer|Long|Double|Boolean"
      + "|(?:List|Map|Optional)<(?:[^<>]|<(?:[^<>]|<[^<>]*>)*>)*>)(?=\\s+\\w+\\s*[,)])");
  /** An annotation with its arguments (strings and one level of nested parentheses). */
  private static final Pattern ANNOTATION = Pattern.compile("@\\w+(?:\\.\\w+)*(?:\\s*\\((?:[^()\"]"
      + "|\"(?:\\\\.|[^\"\\\\])*\"|\\((?:[^()\"]|\"(?:\\\\.|[^\"\\\\])*\")*\\))*\\))?");
  private static final Pattern COMPONENT_NAME = Pattern.compile("(?<=[\\w>\\]])\\s+(\\w+)(?=\\s*[,)])");
  private static final Pattern TYPE_DECLARATION = Pattern.compile("\\b(?:record|enum)\\s+(\\w+)");
  private static final Pattern COMPONENT_START = Pattern.compile("(?<=[(,])\\s*\\n?\\s*(?=[@\\w])");
  private static final Pattern PROTO_TYPE = Pattern.compile("(?<=^\\s{2,6})(?:repeated\\s+|optional\\s+)?"
      + "(?:map<\\s*\\w+\\s*,\\s*[\\w.]+\\s*>|[\\w.]+)(?=\\s+\\w+\\s*=\\s*\\d+)", Pattern.MULTILINE);
  private static final Pattern PROTO_FIELD_NAME = Pattern.compile("(?<=\\s)(\\w+)(?=\\s*=\\s*\\d+)");
  private static final Pattern PROTO_MESSAGE = Pattern.compile("^\\s*message\\s+(\\w+)\\s*\\{",
      Pattern.MULTILINE);
  private static final Pattern PROTO_FIELD_END = Pattern.compile("(?<=\\s=\\s\\d{1,9})(?=\\s*[;\\[])");

  /** Setting text, keys, names and overrides: valid ones, near misses and hostile ones. */
  private static final List<String> TEXTS = List.of("", " ", "0", "-0", "1", "-1", "007", "1.5",
      "1e400", "-1e400", "NaN", "Infinity", "4.9e-324", "9223372036854775807",
      "9223372036854775808", "-9223372036854775809", "2147483648", "0x10", "1_000", "1KiB",
      "1.5MiB", "8EiB", "16384TiB", "-1KiB", "1kib", "0B", "1h30m", "2562047788015215h",
      "9999999999999999999s", "-1s", "P1D", "1d", "0s", "1ms", "true", "TRUE", "yes", "none",
      "null", "a,b", ",", "a,,b", "x=1", "=1", "x=", "a.b=", "a.b=1=2", "a.b", "a..b", ".a", "a.",
      "A.b", "a-b", "a_b", "Dev", "dev", "default", "prod", "größe", "日本", "*/", "/*", "\\",
      "\\u0041", "\"", "'", "\n", "\u2028", "\u0085", "\0", "\uD83D\uDE00", "a b", "x".repeat(300),
      "codeanatomy", "ns0.x=1", "ns0.alpha=true", "name", "version", "hash", "type", "self",
      "contract", "value");
  private static final List<String> JAVA_TYPES = List.of("int", "long", "double", "boolean",
      "String", "Duration", "byte[]", "Integer", "Long", "Double", "Boolean", "char", "float",
      "short", "byte", "Object", "String[]", "int[]", "Character", "java.time.Instant",
      "List<String>", "List<Long>", "List<Integer>", "List<Duration>", "List<byte[]>",
      "List<List<String>>", "List<Optional<String>>", "List<Map<String, Long>>",
      "Map<String, String>", "Map<String, Long>", "Map<Long, String>", "Map<String, List<String>>",
      "Map<String, Map<String, Boolean>>", "Optional<String>", "Optional<Long>",
      "Optional<Integer>", "Optional<Boolean>", "Optional<Double>", "Optional<Duration>",
      "Optional<Optional<String>>", "Optional<List<String>>", "Optional<byte[]>", "OptionalInt",
      "OptionalLong", "OptionalDouble", "java.util.Set<String>", "java.util.UUID",
      "java.math.BigDecimal", "CharSequence", "Void", "Runnable");
  private static final List<String> NAMES = List.of("hash", "toBuilder", "canonicalBytes", "set",
      "unset", "setAll", "replaceWith", "build", "toSettings", "effectiveSettings",
      "settingsHash", "planningEnvironmentHash", "featureGateParityHash", "value", "values",
      "validate", "violations", "builder", "from", "defaults", "profile", "CONTRACT_NAME",
      "SCHEMA_FINGERPRINT", "_x", "$x", "x$", "a1", "A", "AB", "aB", "a_b", "getClass",
      "hashCode", "toString", "equals", "wait", "notify", "clone", "finalize", "self", "Self",
      "crate", "super_", "fn", "type", "match", "mod", "impl", "r", "ok", "err", "some", "none",
      "writer", "out", "descriptor", "version", "name", "fields", "layout", "contract", "other",
      "_", "record", "var", "yield", "sealed", "permits", "x\u00e9", "\u00e9t\u00e9", "e");
  private static final List<String> TYPE_NAMES = List.of("Contract", "Mixin", "Builder",
      "String", "List", "Optional", "Map", "Override", "Duration", "Setting", "Object", "Record",
      "Enum", "Vec", "Option", "Result", "Box", "Self", "Value", "Codec", "CODEC", "A", "a",
      "_", "X1", "Settings", "Profiles", "Catalog", "ContractCatalog", "Attributes", "Keys");
  private static final List<String> MARKERS = List.of("@Bag", "@Bag(key = \"name\")",
      "@Bag(key = \"\")", "@Bag(key = \"missing\")", "@Provenance", "@Hash",
      "@Hash(allowEmpty = true)", "@AbsentAs(AbsentAs.Form.NIL)",
      "@AbsentAs(AbsentAs.Form.EMPTY_STRING)", "@Setting(doc = \"d\")",
      "@Setting(doc = \"d\", defaultValue = \"1\")", "@Setting(doc = \"*/\", key = \"k\")",
      "@Attribute(name = \"w\", value = 1)", "@Deprecated", "@SuppressWarnings(\"all\")");
  private static final Map<String, List<String>> ATTRIBUTES = Map.of(
      "Setting", List.of("min = \"1\"", "max = \"0\"", "min = \"-1\"", "max = \"1KiB\"",
          "defaultValue = \"\"", "unit = Setting.Unit.BYTES", "featureGate = true",
          "planningAffecting = true", "scope = Setting.Scope.TABLE", "key = \"x.y\"",
          "key = \"\"", "key = \"X\"", "key = \"a..b\"", "min = \"1h\"", "max = \"x\""),
      "Contract", List.of("layout = Contract.Layout.ORDERED_PAIRS", "forwardCompatible = true",
          "version = 0", "version = -1", "version = 2147483647"),
      "SettingsSchema", List.of("version = 0", "version = 2147483647"),
      "PlanningPolicy", List.of("version = 0", "version = 3"),
      "Profile", List.of("extendsProfile = \"dev\"", "extendsProfile = \"\"",
          "extendsProfile = \"missing\"", "set = {\"a.b=1\"}", "set = {}", "unset = {\"x\"}",
          "doc = \"*/ \\\" \\\\\"", "set = {\"\"}", "unset = {\"\"}"),
      "Bag", List.of("key = \"name\"", "key = \"\""),
      "Hash", List.of("allowEmpty = true"));
  private static final List<String> PROTO_TYPES = List.of("string", "bytes", "bool", "int32",
      "int64", "uint32", "uint64", "sint32", "sint64", "fixed32", "fixed64", "sfixed32",
      "sfixed64", "double", "float", "repeated string", "repeated int64", "repeated bytes",
      "optional string", "optional int64", "optional double", "map<string, string>",
      "map<string, int64>", "map<int32, string>", "map<string, bytes>", "map<bool, bool>",
      "google.protobuf.Duration", "google.protobuf.Timestamp", "repeated double");
  private static final List<String> PROTO_FIELD_OPTIONS = List.of(
      "(codeanatomy.contract.v1.field).provenance = true",
      "(codeanatomy.contract.v1.field).bag = true",
      "(codeanatomy.contract.v1.field).bag_key = \"name\"",
      "(codeanatomy.contract.v1.field).bag_key = \"\"",
      "(codeanatomy.contract.v1.field).absent_as = NIL",
      "(codeanatomy.contract.v1.field).absent_as = EMPTY_STRING",
      "(codeanatomy.contract.v1.field).hash = HASH",
      "(codeanatomy.contract.v1.field).hash = HASH_OR_EMPTY", "deprecated = true",
      "json_name = \"x\"");
  private static final List<String> PROTO_CONTRACT_OPTIONS = List.of(
      "option (codeanatomy.contract.v1.contract) = {name: \"m\" version: 1};",
      "option (codeanatomy.contract.v1.contract) = {name: \"seed_input\" version: 2};",
      "option (codeanatomy.contract.v1.contract) = {name: \"Bad Name\" version: 1};",
      "option (codeanatomy.contract.v1.contract) = {name: \"m2\"};",
      "option (codeanatomy.contract.v1.contract) = {name: \"m3\" version: 1 layout: "
          + "ORDERED_PAIRS forward_compatible: true};",
      "option (codeanatomy.contract.v1.contract) = {version: 1};");

  private final Random random;

  public Mutator(Random random) {
    this.random = random;
  }

  /** One to three mutations of a Java source. */
  public Mutant java(String text) {
    List<String> done = new ArrayList<>();
    int count = 1 + (random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0);
    for (int i = 0; i < count * 4 && done.size() < count; i++) {
      String before = text;
      String what = switch (random.nextInt(12)) {
        case 0, 1 -> replaceString(text);
        case 2 -> replaceNumber(text);
        case 3, 4 -> replaceJavaType(text);
        case 5 -> renameComponent(text);
        case 6 -> renameType(text);
        case 7 -> dropAnnotation(text);
        case 8 -> copyAnnotation(text);
        case 9 -> addAttribute(text);
        case 10 -> addMarker(text);
        default -> random.nextBoolean() ? dropLine(text) : doubleLine(text);
      };
      if (what != null) {
        done.add(what);
        text = result;
      } else {
        text = before;
      }
    }
    return new Mutant(text, done);
  }

  /** One to three mutations of a {@code .proto} file. */
  public Mutant proto(String text) {
    List<String> done = new ArrayList<>();
    int count = 1 + (random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0);
    for (int i = 0; i < count * 4 && done.size() < count; i++) {
      String what = switch (random.nextInt(9)) {
        case 0, 1 -> replaceString(text);
        case 2 -> replaceNumber(text);
        case 3, 4 -> replaceProtoType(text);
        case 5 -> renameProtoField(text);
        case 6 -> addFieldOption(text);
        case 7 -> addContractOption(text);
        default -> random.nextBoolean() ? dropLine(text) : doubleLine(text);
      };
      if (what != null) {
        done.add(what);
        text = result;
      }
    }
    return new Mutant(text, done);
  }

  // ---------------------------------------------------------------------------------------------
  // operators: each sets `result` and returns a description, or returns null when it has no spot

  private String result;

  private String replaceString(String text) {
    List<MatchResult> spots = matches(STRING, text);
    if (spots.isEmpty()) {
      return null;
    }
    MatchResult spot = pick(spots);
    String old = unquote(spot.text());
    String replacement = switch (random.nextInt(5)) {
      case 0 -> unquote(pick(spots).text());                 // another literal of the file
      case 1 -> old.contains("=")                             // keep the key, change the value
          ? old.substring(0, old.indexOf('=') + 1) + pick(TEXTS) : old + pick(TEXTS);
      case 2 -> old.isEmpty() ? "x" : old.toUpperCase(Locale.ROOT);
      default -> pick(TEXTS);
    };
    result = splice(text, spot, javaLiteral(replacement));
    return "string " + spot.text() + " -> " + javaLiteral(replacement);
  }

  private String replaceNumber(String text) {
    List<MatchResult> spots = matches(NUMBER, text);
    if (spots.isEmpty()) {
      return null;
    }
    MatchResult spot = pick(spots);
    String replacement = pick(List.of("0", "-1", "1", "2", "3", "19000", "536870911",
        "536870912", "2147483647", "-2147483648", "99999999999"));
    result = splice(text, spot, replacement);
    return "number " + spot.text() + " -> " + replacement;
  }

  private String replaceJavaType(String text) {
    List<MatchResult> spots = matches(JAVA_TYPE, text);
    if (spots.isEmpty()) {
      return null;
    }
    MatchResult spot = pick(spots);
    List<String> declared = declaredTypes(text);
    String replacement;
    if (!declared.isEmpty() && random.nextInt(3) == 0) {
      String type = pick(declared);
      replacement = pick(List.of(type, "List<" + type + ">", "Optional<" + type + ">",
          "Map<String, " + type + ">", "List<List<" + type + ">>", type + "[]"));
    } else {
      replacement = pick(JAVA_TYPES);
    }
    result = splice(text, spot, replacement);
    return "type " + spot.text() + " -> " + replacement;
  }

  private String renameComponent(String text) {
    List<MatchResult> spots = matches(COMPONENT_NAME, text, 1);
    if (spots.isEmpty()) {
      return null;
    }
    MatchResult spot = pick(spots);
    String replacement = random.nextBoolean() ? pick(NAMES) : pick(spots).text();
    if (random.nextInt(4) == 0) {
      replacement = snakeOrCamel(spot.text());
    }
    result = splice(text, spot, replacement);
    return "component " + spot.text() + " -> " + replacement;
  }

  private String renameType(String text) {
    List<MatchResult> spots = matches(TYPE_DECLARATION, text, 1);
    if (spots.isEmpty()) {
      return null;
    }
    MatchResult spot = pick(spots);
    String old = spot.text();
    String replacement = random.nextBoolean() ? pick(TYPE_NAMES) : old + pick(List.of("Contract",
        "Attributes", "ContractCatalog", "2", "Mixin"));
    // Every use of the old name in the file follows it, as an IDE rename would.
    result = text.replaceAll("\\b" + Pattern.quote(old) + "\\b", Matcher.quoteReplacement(
        replacement));
    return "type name " + old + " -> " + replacement;
  }

  private String dropAnnotation(String text) {
    List<MatchResult> spots = annotations(text);
    if (spots.isEmpty()) {
      return null;
    }
    MatchResult spot = pick(spots);
    result = splice(text, spot, "");
    return "dropped " + abbreviate(spot.text());
  }

  private String copyAnnotation(String text) {
    List<MatchResult> spots = annotations(text);
    if (spots.size() < 2) {
      return null;
    }
    MatchResult copy = pick(spots);
    MatchResult target = pick(spots);
    result = text.substring(0, target.start()) + copy.text() + " " + text.substring(target.start());
    return "copied " + abbreviate(copy.text()) + " before " + abbreviate(target.text());
  }

  private String addAttribute(String text) {
    List<MatchResult> spots = new ArrayList<>();
    for (MatchResult a : annotations(text)) {
      String name = a.text().substring(1).split("[\\s(]", 2)[0];
      if (ATTRIBUTES.containsKey(name) && a.text().endsWith(")")) {
        spots.add(a);
      }
    }
    if (spots.isEmpty()) {
      return null;
    }
    MatchResult spot = pick(spots);
    String name = spot.text().substring(1).split("[\\s(]", 2)[0];
    String attribute = pick(ATTRIBUTES.get(name));
    int open = spot.start() + spot.text().indexOf('(') + 1;
    boolean empty = spot.text().substring(spot.text().indexOf('(') + 1).trim().equals(")");
    result = text.substring(0, open) + attribute + (empty ? "" : ", ") + text.substring(open);
    return "added " + attribute + " to " + abbreviate(spot.text());
  }

  private String addMarker(String text) {
    List<MatchResult> spots = matches(COMPONENT_START, text);
    if (spots.isEmpty()) {
      return null;
    }
    MatchResult spot = pick(spots);
    String marker = pick(MARKERS);
    result = text.substring(0, spot.end()) + marker + " " + text.substring(spot.end());
    return "marker " + marker;
  }

  private String dropLine(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    List<Integer> candidates = meaningfulLines(lines);
    if (candidates.isEmpty()) {
      return null;
    }
    int line = pick(candidates);
    String dropped = lines.remove(line);
    result = String.join("\n", lines);
    return "dropped line " + (line + 1) + ": " + abbreviate(dropped.strip());
  }

  private String doubleLine(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    List<Integer> candidates = meaningfulLines(lines);
    if (candidates.isEmpty()) {
      return null;
    }
    int line = pick(candidates);
    lines.add(line, lines.get(line));
    result = String.join("\n", lines);
    return "doubled line " + (line + 1) + ": " + abbreviate(lines.get(line).strip());
  }

  private String replaceProtoType(String text) {
    List<MatchResult> spots = matches(PROTO_TYPE, text);
    if (spots.isEmpty()) {
      return null;
    }
    MatchResult spot = pick(spots);
    List<String> messages = new ArrayList<>();
    for (MatchResult m : matches(PROTO_MESSAGE, text, 1)) {
      messages.add(m.text());
    }
    String replacement = !messages.isEmpty() && random.nextInt(3) == 0
        ? pick(List.of("", "repeated ", "optional ")) + pick(messages)
        : pick(PROTO_TYPES);
    if (!messages.isEmpty() && random.nextInt(6) == 0) {
      replacement = "map<string, " + pick(messages) + ">";
    }
    result = splice(text, spot, replacement);
    return "proto type " + spot.text() + " -> " + replacement;
  }

  private String renameProtoField(String text) {
    List<MatchResult> spots = matches(PROTO_FIELD_NAME, text, 1);
    if (spots.isEmpty()) {
      return null;
    }
    MatchResult spot = pick(spots);
    String replacement = random.nextBoolean() ? pick(spots).text()
        : pick(List.of("hash", "value", "name", "version", "type", "self", "fn", "class",
            "descriptor", "unknown_fields", "serialized_size", "default_instance", "a_b", "aB",
            "a__b", "_x", "x_", "field1", "parser_for_type", "initialized", "clear"));
    result = splice(text, spot, replacement);
    return "proto field " + spot.text() + " -> " + replacement;
  }

  private String addFieldOption(String text) {
    List<MatchResult> spots = matches(PROTO_FIELD_END, text);
    if (spots.isEmpty()) {
      return null;
    }
    MatchResult spot = pick(spots);
    String option = pick(PROTO_FIELD_OPTIONS);
    boolean hasOptions = text.startsWith("[", spot.end()) || text.substring(spot.end()).stripLeading()
        .startsWith("[");
    if (hasOptions) {
      int open = text.indexOf('[', spot.end());
      result = text.substring(0, open + 1) + option + ", " + text.substring(open + 1);
    } else {
      result = text.substring(0, spot.end()) + " [" + option + "]" + text.substring(spot.end());
    }
    return "field option " + option;
  }

  private String addContractOption(String text) {
    List<MatchResult> spots = matches(PROTO_MESSAGE, text);
    if (spots.isEmpty()) {
      return null;
    }
    MatchResult spot = pick(spots);
    String option = pick(PROTO_CONTRACT_OPTIONS);
    result = text.substring(0, spot.end()) + "\n  " + option + text.substring(spot.end());
    return "contract option " + option;
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  private record MatchResult(int start, int end, String text) {}

  private static List<MatchResult> matches(Pattern pattern, String text) {
    return matches(pattern, text, 0);
  }

  private static List<MatchResult> matches(Pattern pattern, String text, int group) {
    List<MatchResult> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(new MatchResult(m.start(group), m.end(group), m.group(group)));
    }
    return found;
  }

  /** Annotations outside import lines (an import's {@code @} never matches anyway). */
  private static List<MatchResult> annotations(String text) {
    List<MatchResult> found = new ArrayList<>();
    for (MatchResult m : matches(ANNOTATION, text)) {
      if (!m.text().startsWith("@interface")) {
        found.add(m);
      }
    }
    return found;
  }

  private static List<String> declaredTypes(String text) {
    Set<String> names = new LinkedHashSet<>();
    for (MatchResult m : matches(TYPE_DECLARATION, text, 1)) {
      names.add(m.text());
    }
    return new ArrayList<>(names);
  }

  /** Lines of declarations, annotations and fields: not package, import or blank lines. */
  private static List<Integer> meaningfulLines(List<String> lines) {
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.isEmpty() && !line.startsWith("package") && !line.startsWith("import")
          && !line.startsWith("syntax") && !line.startsWith("option java")
          && !line.startsWith("//") && !line.startsWith("*") && !line.startsWith("/*")) {
        found.add(i);
      }
    }
    return found;
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  private static String splice(String text, MatchResult spot, String replacement) {
    return text.substring(0, spot.start()) + replacement + text.substring(spot.end());
  }

  private static String snakeOrCamel(String name) {
    if (name.contains("_")) {
      StringBuilder sb = new StringBuilder();
      boolean upper = false;
      for (char c : name.toCharArray()) {
        if (c == '_') {
          upper = true;
        } else {
          sb.append(upper ? Character.toUpperCase(c) : c);
          upper = false;
        }
      }
      return sb.toString();
    }
    return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  private static String unquote(String literal) {
    // Only the escapes Java and protobuf literals of these sources use.
    String body = literal.substring(1, literal.length() - 1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        char n = body.charAt(++i);
        sb.append(switch (n) {
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 't' -> '\t';
          default -> n;
        });
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** A literal both Java and protobuf text format read back as {@code text}. */
  static String javaLiteral(String text) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format(Locale.ROOT, "\\%03o", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private static String abbreviate(String text) {
    String one = text.replace("\n", " ");
    return one.length() <= 80 ? one : one.substring(0, 77) + "...";
  }
}
