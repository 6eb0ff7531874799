package io.codeanatomy.compat.manifest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.codeanatomy.compat.CompatInputException;
import io.codeanatomy.compat.json.PrettyJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one reader and writer of manifests, and of the entries a lock keeps.
 *
 * <p><b>Writing</b> is Jackson binding of the typed records of this package, byte-stable
 * (two-space indentation, {@code \n} line ends, a final newline, keys in a fixed order).
 *
 * <p><b>Reading</b> is strict ({@link JsonCursor}): every key the writer writes must be there
 * ({@code allowedValues} and {@code protoNumber} only where the writer writes them), with the
 * JSON type it writes, and nothing else; digests are 64 lowercase hex digits; a setting's
 * default and bounds are the canonical text of its type; names are unique where the writer
 * makes them unique (items of a section, fields, settings, profiles, components, field numbers).
 * An unknown key is refused like a missing one: the format string is how the structure evolves,
 * and a reader that skipped keys would drop them when a lock is rewritten. Every problem is a
 * {@link CompatInputException} naming the source and the JSON path
 * ({@code settingsSchemas[0].settings[2].unit}), what was expected and what came.
 *
 * <p>Stateless and thread-safe; the records it returns are immutable.
 */
public final class ManifestJson {

  /** The largest protobuf field number. */
  private static final int MAX_PROTO_NUMBER = (1 << 29) - 1;

  /** Per enum type of this package: constant name to the name the JSON gives it. */
  private static final ClassValue<Map<String, String>> JSON_NAMES = new ClassValue<>() {
    @Override
    protected Map<String, String> computeValue(Class<?> type) {
      Map<String, String> names = new HashMap<>();
      for (Object constant : type.getEnumConstants()) {
        String name = ((Enum<?>) constant).name();
        try {
          JsonProperty property = type.getField(name).getAnnotation(JsonProperty.class);
          names.put(name, property == null ? name : property.value());
        } catch (NoSuchFieldException e) {
          throw new IllegalStateException("an enum constant is a field", e);
        }
      }
      return Collections.unmodifiableMap(names);
    }
  };

  private ManifestJson() {}

  // ---------------------------------------------------------------------------------------------
  // writing

  /** The manifest's bytes: UTF-8, two-space indentation, {@code \n} line ends. */
  public static byte[] render(Manifest manifest) {
    return renderValue(manifest);
  }

  /** Any value of this package (or a map or list of them) rendered as {@link #render} does. */
  public static byte[] renderValue(Object value) {
    return PrettyJson.utf8(value);
  }

  /** The name the JSON gives an enum constant of this package: {@code SORTED_MAP -> sorted_map}. */
  public static String jsonName(Enum<?> constant) {
    return JSON_NAMES.get(constant.getDeclaringClass()).get(constant.name());
  }

  // ---------------------------------------------------------------------------------------------
  // reading

  /** Reads a manifest file. */
  public static Manifest read(Path file) {
    return read(JsonCursor.readFile(file), file.toString());
  }

  /**
   * Reads a manifest from a stream (a class-path resource), at most
   * {@link JsonCursor#MAX_DOCUMENT_BYTES}.
   *
   * @param source what the stream is, for messages
   */
  public static Manifest read(InputStream in, String source) {
    byte[] bytes;
    try {
      bytes = JsonCursor.readStream(in, source);
    } catch (IOException e) {
      throw new CompatInputException(source + " cannot be read: " + e.getMessage(), e);
    }
    return read(bytes, source);
  }

  /**
   * Reads a manifest from UTF-8 bytes.
   *
   * @param source what the bytes are, for messages
   */
  public static Manifest read(byte[] bytes, String source) {
    return read(JsonCursor.parse(bytes, source));
  }

  /**
   * Reads a manifest from text.
   *
   * @param source what the text is, for messages
   */
  public static Manifest parse(String text, String source) {
    return read(text.getBytes(StandardCharsets.UTF_8), source);
  }

  /** Reads a manifest from a parsed document (after looking at its format, say). */
  public static Manifest read(JsonCursor root) {
    requireFormat(root, Manifest.FORMAT, "manifest");
    String contractSet = root.name("contractSet");
    List<SchemaEntry> schemas = each(root, "settingsSchemas", ManifestJson::schema,
        SchemaEntry::javaType, "javaType", "settings schema");
    List<PolicyEntry> policies = each(root, "policies", ManifestJson::policy, PolicyEntry::name,
        "name", "policy");
    List<ContractEntry> contracts = each(root, "contracts", ManifestJson::contract,
        ContractEntry::name, "name", "contract");
    List<EnumEntry> enums = each(root, "enums", ManifestJson::enumEntry, EnumEntry::javaType,
        "javaType", "enum");
    root.finish();
    return construct(root, () -> new Manifest(Manifest.FORMAT, contractSet, schemas, policies,
        contracts, enums));
  }

  /**
   * Reads one entry of {@code type} (as a lock keeps them), strictly as {@link #read} does.
   *
   * @throws CompatInputException when it is not an entry of that kind
   */
  public static <T extends Entry> T entry(JsonCursor cursor, Class<T> type) {
    Entry entry;
    if (type == SchemaEntry.class) {
      entry = schema(cursor);
    } else if (type == PolicyEntry.class) {
      entry = policy(cursor);
    } else if (type == ContractEntry.class) {
      entry = contract(cursor);
    } else {
      throw new IllegalArgumentException("no entry type " + type);
    }
    return type.cast(entry);
  }

  /**
   * Refuses a document of another format with the message CI scripts know
   * ({@code x is not a lock: format is 'codeanatomy-manifest/1', expected 'codeanatomy-lock/1'}).
   *
   * @param what {@code manifest} or {@code lock}
   */
  public static void requireFormat(JsonCursor root, String format, String what) {
    String found = root.peekString("format").orElse(null);
    if (found != null && !found.equals(format)) {
      throw new CompatInputException(root.source() + " is not a " + what + ": format is '" + found
          + "', expected '" + format + "'");
    }
    root.oneOf("format", List.of(format));
  }

  private static SchemaEntry schema(JsonCursor c) {
    c.oneOf("kind", List.of(SchemaEntry.KIND));
    String namespace = c.name("namespace");
    int version = c.integer("version", 1, Integer.MAX_VALUE);
    String javaType = c.name("javaType");
    String fingerprint = c.digest("schemaFingerprint");
    List<SettingEntry> settings = each(c, "settings", ManifestJson::setting, SettingEntry::key,
        "key", "setting of the schema");
    c.finish();
    return construct(c, () -> new SchemaEntry(SchemaEntry.KIND, namespace, version, javaType,
        fingerprint, settings));
  }

  private static SettingEntry setting(JsonCursor c) {
    String key = c.name("key");
    String component = c.name("component");
    String type = c.oneOf("type", SettingTexts.TYPES);
    boolean optional = c.bool("optional");
    List<String> allowed = List.of();
    if (c.has("allowedValues")) {
      if (!"enum".equals(type)) {
        throw c.invalid("allowedValues", "no such key on a setting of type " + type
            + " (only an enum setting lists its allowedValues)");
      }
      allowed = c.strings("allowedValues");
      if (allowed.isEmpty() || allowed.stream().distinct().count() != allowed.size()
          || allowed.contains("")) {
        throw c.invalid("allowedValues", "a non-empty array of distinct, non-empty strings");
      }
    }
    String defaultValue = canonical(c, "default", type, allowed, true);
    String min = canonical(c, "min", type, allowed, false);
    String max = canonical(c, "max", type, allowed, false);
    SettingEntry.Unit unit = c.choice("unit", SettingEntry.Unit.class);
    SettingEntry.Scope scope = c.choice("scope", SettingEntry.Scope.class);
    boolean planningAffecting = c.bool("planningAffecting");
    boolean featureGate = c.bool("featureGate");
    String doc = c.string("doc");
    c.finish();
    List<String> allowedValues = allowed;
    return construct(c, () -> new SettingEntry(key, component, type, optional, allowedValues,
        defaultValue, min, max, unit, scope, planningAffecting, featureGate, doc));
  }

  /** A default (any type) or a bound (ordered types only): null, or canonical text. */
  private static String canonical(JsonCursor c, String key, String type, List<String> allowed,
      boolean isDefault) {
    String text = c.nullableString(key);
    if (text == null) {
      return null;
    }
    if (!isDefault && !SettingTexts.ordered(type)) {
      throw c.invalid(key, "null (a setting of type " + type + " has no " + key
          + "; only int, long, double, duration and bytes settings do)");
    }
    String problem = SettingTexts.problem(type, allowed, text);
    if (problem != null) {
      throw c.invalid(key, problem + " or null");
    }
    return text;
  }

  private static PolicyEntry policy(JsonCursor c) {
    c.oneOf("kind", List.of(PolicyEntry.KIND));
    String name = c.name("name");
    int version = c.integer("version", 1, Integer.MAX_VALUE);
    String javaType = c.name("javaType");
    String fingerprint = c.digest("schemaFingerprint");
    List<ComponentEntry> components = each(c, "components", ManifestJson::component,
        ComponentEntry::name, "name", "component of the policy");
    List<ProfileEntry> profiles = each(c, "profiles", ManifestJson::profile, ProfileEntry::name,
        "name", "profile of the policy");
    c.finish();
    return construct(c, () -> new PolicyEntry(PolicyEntry.KIND, name, version, javaType,
        fingerprint, components, profiles));
  }

  private static ComponentEntry component(JsonCursor c) {
    String name = c.name("name");
    String namespace = c.name("namespace");
    int schemaVersion = c.integer("schemaVersion", 1, Integer.MAX_VALUE);
    String fingerprint = c.digest("schemaFingerprint");
    c.finish();
    return construct(c, () -> new ComponentEntry(name, namespace, schemaVersion, fingerprint));
  }

  private static ProfileEntry profile(JsonCursor c) {
    String name = c.name("name");
    String parent = c.nullableString("extends");
    if (parent != null && parent.isEmpty()) {
      throw c.invalid("extends", "a profile name or null");
    }
    String doc = c.string("doc");
    String settingsHash = c.digest("settingsHash");
    String planningHash = c.digest("planningEnvironmentHash");
    String gateHash = c.nullableDigest("featureGateParityHash");
    JsonCursor settings = c.object("effectiveSettings");
    TreeMap<String, String> effective = new TreeMap<>();
    for (String key : settings.keys()) {
      if (key.isEmpty()) {
        throw settings.invalid(key, "a setting key, not the empty string");
      }
      effective.put(key, settings.string(key));
    }
    settings.finish();
    c.finish();
    return construct(c, () -> new ProfileEntry(name, parent, doc, settingsHash, planningHash,
        gateHash, effective));
  }

  private static ContractEntry contract(JsonCursor c) {
    c.oneOf("kind", List.of(ContractEntry.KIND));
    String name = c.name("name");
    int version = c.integer("version", 1, Integer.MAX_VALUE);
    String javaType = c.name("javaType");
    ContractEntry.Spelling spelling = c.choice("spelling", ContractEntry.Spelling.class);
    ContractEntry.Layout layout = c.choice("layout", ContractEntry.Layout.class);
    boolean forwardCompatible = c.bool("forwardCompatible");
    String fingerprint = c.digest("schemaFingerprint");
    List<JsonCursor> cursors = c.objects("fields");
    List<FieldEntry> fields = new ArrayList<>();
    Map<String, String> names = new HashMap<>();
    Map<Integer, String> numbers = new HashMap<>();
    for (JsonCursor f : cursors) {
      FieldEntry field = field(f, spelling);
      String before = names.putIfAbsent(field.name(), f.path());
      if (before != null) {
        throw f.invalid("name", "a name no other field of the contract has (" + before
            + " has it)");
      }
      if (field.protoNumber() != null) {
        String owner = numbers.putIfAbsent(field.protoNumber(), f.path());
        if (owner != null) {
          throw f.invalid("protoNumber", "a number no other field of the contract has (" + owner
              + " has it)");
        }
      }
      fields.add(field);
    }
    c.finish();
    return construct(c, () -> new ContractEntry(ContractEntry.KIND, name, version, javaType,
        spelling, layout, forwardCompatible, fingerprint, fields));
  }

  private static FieldEntry field(JsonCursor c, ContractEntry.Spelling spelling) {
    String name = c.name("name");
    String component = c.name("component");
    String type = c.name("type");
    boolean hashed = c.bool("hashed");
    boolean bag = c.bool("bag");
    String bagKey = c.string("bagKey");
    FieldEntry.AbsentAs absentAs = c.choice("absentAs", FieldEntry.AbsentAs.class);
    FieldEntry.HashRule hash = c.choice("hash", FieldEntry.HashRule.class);
    boolean required = c.bool("required");
    Integer protoNumber = null;
    if (spelling == ContractEntry.Spelling.PROTO) {
      protoNumber = c.integer("protoNumber", 1, MAX_PROTO_NUMBER);
    } else if (c.has("protoNumber")) {
      throw c.invalid("protoNumber", "no such key on a field of a record contract (only a proto "
          + "contract's fields have a protoNumber)");
    }
    c.finish();
    Integer number = protoNumber;
    return construct(c, () -> new FieldEntry(name, component, type, hashed, bag, bagKey,
        absentAs, hash, required, number));
  }

  private static EnumEntry enumEntry(JsonCursor c) {
    String javaType = c.name("javaType");
    List<String> values = c.strings("values");
    if (values.stream().distinct().count() != values.size()) {
      throw c.invalid("values", "an array of distinct strings");
    }
    JsonCursor attributes = c.object("attributes");
    Map<String, Map<String, Double>> byAttribute = new LinkedHashMap<>();
    for (String attribute : attributes.keys()) {
      JsonCursor numbers = attributes.object(attribute);
      Map<String, Double> byValue = new LinkedHashMap<>();
      for (String value : numbers.keys()) {
        byValue.put(value, numbers.number(value));
      }
      numbers.finish();
      byAttribute.put(attribute, byValue);
    }
    attributes.finish();
    c.finish();
    return construct(c, () -> new EnumEntry(javaType, values, byAttribute));
  }

  /**
   * Reads every element of an array of objects, refusing two with the same identity.
   *
   * @param identityKey the key that holds the identity, where a duplicate is reported
   * @param what what the elements are, for messages
   */
  private static <T> List<T> each(JsonCursor parent, String key, Function<JsonCursor, T> read,
      Function<T, Object> identity, String identityKey, String what) {
    List<T> values = new ArrayList<>();
    Map<Object, String> seen = new HashMap<>();
    for (JsonCursor element : parent.objects(key)) {
      T value = read.apply(element);
      String before = seen.putIfAbsent(identity.apply(value), element.path());
      if (before != null) {
        throw element.invalid(identityKey, "a " + identityKey + " that no other " + what
            + " has (" + before + " has it)");
      }
      values.add(value);
    }
    return values;
  }

  /**
   * The records check what their fields may hold; the reader checks first, so their refusal
   * would be a gap in the reader, still reported as bad input at the object.
   */
  private static <T> T construct(JsonCursor at, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CompatInputException(at.source() + ": " + (at.path().isEmpty() ? "(document)"
          : at.path()) + ": " + e.getMessage(), e);
    }
  }
}
