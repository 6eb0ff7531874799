package io.codeanatomy.examples.fuzz.gen;

import io.codeanatomy.examples.fuzz.gen.FieldType.ContractRef;
import io.codeanatomy.examples.fuzz.gen.FieldType.EnumRef;
import io.codeanatomy.examples.fuzz.gen.FieldType.ListOf;
import io.codeanatomy.examples.fuzz.gen.FieldType.MapOf;
import io.codeanatomy.examples.fuzz.gen.FieldType.OptionalOf;
import io.codeanatomy.examples.fuzz.gen.FieldType.PrimitiveOptional;
import io.codeanatomy.examples.fuzz.gen.FieldType.Scalar;
import io.codeanatomy.examples.fuzz.gen.FieldType.ScalarKind;
import io.codeanatomy.examples.fuzz.gen.SetSpec.ContractSpec;
import io.codeanatomy.examples.fuzz.gen.SetSpec.EnumSpec;
import io.codeanatomy.examples.fuzz.gen.SetSpec.FieldSpec;
import io.codeanatomy.examples.fuzz.gen.SetSpec.MessageSpec;
import io.codeanatomy.examples.fuzz.gen.SetSpec.PolicySpec;
import io.codeanatomy.examples.fuzz.gen.SetSpec.ProfileSpec;
import io.codeanatomy.examples.fuzz.gen.SetSpec.SchemaSpec;
import io.codeanatomy.examples.fuzz.gen.SetSpec.SettingSpec;
import io.codeanatomy.examples.fuzz.gen.SetSpec.TypeName;
import io.codeanatomy.examples.fuzz.gen.SettingType.Form;
import io.codeanatomy.examples.fuzz.gen.SettingType.Kind;
import io.codeanatomy.processor.check.ContractChecks;
import io.codeanatomy.processor.model.Names;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Generates a random <em>valid</em> contract set from a seed: enums (with attributes), settings
 * schemas with every setting type, bounds, units, scopes and flags, policies with profile chains,
 * overrides and unsets, contract records of both layouts with every field shape and marker, and
 * protobuf contract messages. Valid means: what the contract language accepts (docs/
 * contract-language.md), so the processor must compile it without a diagnostic. Names are drawn
 * from pools that include what generated code is most likely to trip over: Rust keywords, names
 * of generated members and of the Rust module's own types, acronyms and digits.
 *
 * <p>Deterministic: the same seed gives the same set, in any JVM ({@link Random} is specified).
 */
public final class SetGenerator {

  /** Component and field names: ordinary ones, and ones generated code may trip over. */
  private static final List<String> COMPONENTS = List.of("maxConnections", "batchSize", "timeout",
      "enabled", "host", "retries", "ratio", "targetPartitions", "memoryLimit", "spillDir",
      "cacheTtl", "codec", "tags", "url", "status", "digest", "count", "weight", "items", "note",
      "maxHTTPConns", "http2Window", "v2Api", "x", "aB", "type", "match", "ref", "fn", "impl",
      "loop", "move", "mut", "use", "where", "dyn", "async", "await", "crate", "self", "Self",
      "union", "macro", "box", "record", "var", "yield2", "value", "key", "text", "name", "writer", "out",
      "checker", "settings", "policy", "table", "descriptors", "fields", "contract", "version",
      "layout", "writeBody", "validate", "builder", "from", "defaults", "load", "put", "component",
      "replace", "problems", "violations", "w0", "e0", "k", "profile", "profileNames", "schema",
      "isKey", "descriptor", "unit", "scope", "doc", "min", "max", "optional", "CONTRACT_NAME",
      "unknownFields", "bytes", "i32", "string", "vec", "option", "some", "none", "result", "ok",
      "err", "default_", "hashValue", "sha256", "canonical", "wire", "json", "payload", "decode");
  private static final Set<String> SCHEMA_RESERVED = Set.of("set", "unset", "setAll",
      "replaceWith", "build");
  private static final Set<String> SCHEMA_MIXIN = Set.of("toBuilder", "toSettings");
  private static final Set<String> POLICY_MIXIN = Set.of("toBuilder", "effectiveSettings",
      "planningEnvironmentSettings", "settingsHash", "planningEnvironmentHash",
      "featureGateParityHash");
  private static final Set<String> CONTRACT_MIXIN = Set.of("toBuilder", "hash", "canonicalBytes");

  /** Type names: domain words, and names of generated members and of Rust's own types. */
  private static final List<String> TYPE_WORDS = List.of("Fetch", "Crawl", "Page", "Report",
      "Index", "Plan", "Scan", "Cache", "Delta", "View", "Rule", "Job", "Task", "Node", "Edge",
      "Span", "Table", "Batch", "Query", "Store", "Http", "URL", "Io", "Builder", "Mixin", "Value",
      "Writer", "Checker", "Violation", "Violations", "Scope", "Unit", "Contract", "Decode",
      "SettingDescriptor", "UnknownProfile", "PlanningPolicy", "TextError", "EncodeError",
      "DecodeError", "Comparator", "Consumer", "Entry", "Objects", "Json", "Problem", "Payload",
      "Option", "Vec", "Some", "Ok", "Err", "Result", "Box", "BTreeMap", "Default", "Self2",
      "Canonical", "Settings", "Policy");
  private static final List<String> ENUM_CONSTANTS = List.of("NONE", "GZIP", "ZSTD", "LZ4",
      "SNAPPY", "FAST_SCAN", "V1_0", "V_10", "A", "B", "Z", "Snappy", "Brotli2", "DEBUG", "INFO",
      "WARN", "ERROR", "SELF", "SELF_", "TYPE", "MATCH", "NONE_", "Some", "OK", "TRUE", "NULL",
      "DEFAULT", "A__B", "A_B", "_X", "X_", "HTTP_2", "HTTP2", "MAX_VALUE", "VALUE");
  private static final List<String> PROFILE_NAMES = List.of("default", "dev", "prod", "ci",
      "edge-small", "big_batch", "x1", "a-b-c", "type", "self", "names", "profile", "match", "v2",
      "small", "medium", "large", "symtable", "local-dev", "staging", "z", "fn", "default2");
  private static final Set<String> RESERVED_PROFILE_CONSTANTS = Set.of("POLICY_NAME",
      "POLICY_VERSION", "SCHEMA_FINGERPRINT", "TABLE", "DESCRIPTORS", "KEYS",
      "PLANNING_AFFECTING_KEYS", "FEATURE_GATE_KEYS", "PROFILES", "PROFILE_NAMES");
  private static final Set<String> RESERVED_KEY_CONSTANTS = Names.RESERVED_KEY_CONSTANTS;
  private static final List<String> WORDS = List.of("alpha", "beta", "gamma", "exec", "opt",
      "runtime", "sql", "parquet", "io", "net", "http2", "x", "type", "match", "self", "v1");

  private final long seed;
  private final Random random;
  private final String pkg;
  private final Set<String> flatNames = new HashSet<>();
  private final Set<String> contractNames = new HashSet<>();
  private final List<EnumSpec> enums = new ArrayList<>();
  /**
   * The enums a setting or field uses: the processor generates code for those only (an unused
   * enum in the sources is left alone), so only their attributes are compared.
   */
  private final Set<EnumSpec> usedEnums = new HashSet<>();
  private final List<SchemaSpec> schemas = new ArrayList<>();
  private final List<PolicySpec> policies = new ArrayList<>();
  private final List<ContractSpec> contracts = new ArrayList<>();
  private final List<MessageSpec> messages = new ArrayList<>();
  /** Nested declarations: host's qualified name -> enums declared inside it. */
  private final Map<String, List<EnumSpec>> nestedEnums = new LinkedHashMap<>();
  private final Map<String, List<ContractSpec>> nestedContracts = new LinkedHashMap<>();
  private ProtoWriter proto;

  private SetGenerator(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
    this.pkg = "gen.s" + seed;
  }

  /** The set of {@code seed}. */
  public static SetSpec generate(long seed) {
    return new SetGenerator(seed).build();
  }

  private SetSpec build() {
    String name = random.nextInt(4) == 0 ? "g" + seed + "_" + pick(WORDS) : "g" + seed;
    if (random.nextInt(3) == 0) {
      proto = new ProtoWriter(this, random, pkg, seed);
      proto.generate();
    }
    int enumCount = random.nextInt(4);
    for (int i = 0; i < enumCount; i++) {
      enums.add(newEnum(topLevel(random.nextInt(5) == 0)));
    }
    int schemaCount = random.nextInt(4);
    for (int i = 0; i < schemaCount; i++) {
      schemas.add(newSchema(i));
    }
    int policyCount = schemas.isEmpty() ? random.nextInt(5) == 0 ? 1 : 0 : random.nextInt(3);
    for (int i = 0; i < policyCount; i++) {
      policies.add(newPolicy());
    }
    int contractCount = random.nextInt(5);
    for (int i = 0; i < contractCount; i++) {
      newContract(Optional.empty());
    }
    // Without a declaration the processor does not run at all: every set has one.
    if (schemas.isEmpty() && policies.isEmpty() && contracts.isEmpty() && messages.isEmpty()) {
      newContract(Optional.empty());
    }
    JavaWriter java = new JavaWriter(pkg, nestedEnums, nestedContracts);
    Map<String, String> sources = java.write(enums, schemas, policies, contracts);
    Map<String, String> protos = proto == null ? Map.of() : proto.files();
    return new SetSpec(seed, name, enums.stream().filter(usedEnums::contains).toList(),
        List.copyOf(schemas), List.copyOf(policies), List.copyOf(contracts), List.copyOf(messages), sources, protos);
  }

  // ---------------------------------------------------------------------------------------------
  // names

  <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  /** A new type name whose flat name is unused; in the main package or in its subpackage. */
  private TypeName topLevel(boolean subpackage) {
    return new TypeName(subpackage ? pkg + ".more" : pkg, List.of(freshFlatName()));
  }

  String freshFlatName() {
    String base = pick(TYPE_WORDS);
    String name = base;
    // Names the Rust module already uses (Value, Option, ...) are refused (CA022): never generated.
    for (int i = 2; RUST_NAMES.contains(name) || !flatNames.add(name) || name.endsWith("Contract")
        || name.endsWith("Attributes") || name.endsWith("ContractCatalog"); i++) {
      name = base + i;
    }
    return name;
  }

  private static final Set<String> RUST_NAMES = ContractChecks.rustModuleNames();

  /** Simple names the generated sources import: a nested type must not hide them. */
  static final Set<String> IMPORTED = Set.of("Setting", "SettingsSchema", "PlanningPolicy",
      "Profile", "Contract", "Bag", "Provenance", "AbsentAs", "Hash", "Attribute", "Duration",
      "List", "Map", "Optional", "OptionalInt", "OptionalLong", "OptionalDouble");

  /** A nested type inside {@code host}, whose flat name is unused. */
  private TypeName nested(TypeName host) {
    for (int i = 0; ; i++) {
      String simple = i == 0 ? pick(TYPE_WORDS) : pick(TYPE_WORDS) + i;
      String flat = host.flat() + simple;
      // A nested name never equals an enclosing one (javac) nor hides an imported one.
      if (host.simpleNames().contains(simple) || IMPORTED.contains(simple)
          || RUST_NAMES.contains(flat)
          || flat.endsWith("Contract") || flat.endsWith("Attributes") || !flatNames.add(flat)) {
        continue;
      }
      List<String> names = new ArrayList<>(host.simpleNames());
      names.add(simple);
      return new TypeName(host.packageName(), names);
    }
  }

  /** Distinct component names whose snake-case forms differ, avoiding {@code avoid}. */
  private List<String> componentNames(int count, Set<String> avoid) {
    List<String> names = new ArrayList<>();
    Set<String> snakes = new HashSet<>();
    while (names.size() < count) {
      String name = pick(COMPONENTS);
      if (random.nextInt(4) == 0) {
        name = name + (random.nextInt(9) + 1);
      }
      if (!avoid.contains(name) && snakes.add(Names.snakeCase(name))) {
        names.add(name);
      }
    }
    return names;
  }

  // ---------------------------------------------------------------------------------------------
  // enums

  private EnumSpec newEnum(TypeName type) {
    int count = 1 + random.nextInt(5);
    List<String> constants = new ArrayList<>();
    Set<String> texts = new HashSet<>();
    Set<String> variants = new HashSet<>();
    while (constants.size() < count) {
      String constant = pick(ENUM_CONSTANTS);
      // Constants whose lower-case texts are equal are refused (CA012), and so are constants of
      // one Rust variant, HTTP2 and HTTP_2 (CA022): never generated.
      if (!texts.contains(constant.toLowerCase(Locale.ROOT))
          && !variants.contains(Names.rustVariantStem(constant))) {
        texts.add(constant.toLowerCase(Locale.ROOT));
        variants.add(Names.rustVariantStem(constant));
        constants.add(constant);
      }
    }
    Map<String, List<Double>> attributes = new LinkedHashMap<>();
    int attributeCount = random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0;
    List<String> attributeNames = List.of("confidence", "weight", "type", "match", "rank",
        "cost2", "all", "expected", "self", "hash_code", "get_class");
    for (int i = 0; i < attributeCount; i++) {
      String attribute = pick(attributeNames);
      if (attributes.containsKey(attribute)) {
        continue;
      }
      List<Double> values = new ArrayList<>();
      for (int c = 0; c < constants.size(); c++) {
        values.add(pick(List.of(0.95, 0.6, -1.0, 0.0, -0.0, 1e300, 5e-324, 1.0 / 3, 42.0,
            -123.456, 1e21)));
      }
      attributes.put(attribute, values);
    }
    EnumSpec spec = new EnumSpec(type, constants, attributes);
    return spec;
  }

  /** An enum to use: an existing one, or a new one (top level or nested in {@code host}). */
  private EnumSpec enumFor(Optional<TypeName> host) {
    if (!enums.isEmpty() && random.nextInt(3) > 0) {
      EnumSpec spec = pick(enums);
      usedEnums.add(spec);
      return spec;
    }
    EnumSpec spec;
    if (host.isPresent() && random.nextBoolean()) {
      spec = newEnum(nested(host.get()));
      nestedEnums.computeIfAbsent(host.get().qualified(), k -> new ArrayList<>()).add(spec);
    } else {
      spec = newEnum(topLevel(random.nextInt(5) == 0));
    }
    enums.add(spec);
    usedEnums.add(spec);
    return spec;
  }

  // ---------------------------------------------------------------------------------------------
  // settings schemas

  private SchemaSpec newSchema(int index) {
    TypeName type = topLevel(random.nextInt(5) == 0);
    boolean mixin = random.nextBoolean();
    List<String> segments = new ArrayList<>();
    segments.add("ns" + index + (random.nextBoolean() ? "" : "_" + pick(WORDS)));
    int more = random.nextInt(3);
    for (int i = 0; i < more; i++) {
      segments.add(pick(WORDS));
    }
    String namespace = String.join(".", segments);
    Set<String> avoid = new HashSet<>(SCHEMA_RESERVED);
    if (mixin) {
      avoid.addAll(SCHEMA_MIXIN);
    }
    int count = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(8);
    List<SettingSpec> settings = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    Set<String> constants = new HashSet<>();
    for (String component : componentNames(count, avoid)) {
      SettingSpec setting = newSetting(type, namespace, component, keys, constants);
      if (setting != null) {
        settings.add(setting);
      }
    }
    int version = random.nextInt(10) == 0 ? Integer.MAX_VALUE : 1 + random.nextInt(5);
    return new SchemaSpec(type, namespace, version, settings, mixin);
  }

  private SettingSpec newSetting(TypeName schema, String namespace, String component,
      Set<String> keys, Set<String> constants) {
    Kind kind = pick(List.of(Kind.values()));
    Form form = Form.PLAIN;
    int formRoll = random.nextInt(10);
    if (formRoll < 3) {
      form = Form.OPTIONAL;
    } else if (formRoll < 5 && (kind == Kind.INT || kind == Kind.LONG || kind == Kind.DOUBLE
        || kind == Kind.BYTES)) {
      form = Form.PRIMITIVE_OPTIONAL;
    }
    EnumSpec enumType = kind == Kind.ENUM ? enumFor(Optional.of(schema)) : null;
    SettingType type = new SettingType(kind, form, enumType);
    // The key: derived from the component, or explicit (with dots).
    boolean explicit = random.nextInt(4) == 0;
    String relative = explicit ? pick(WORDS) + "." + Names.snakeCase(component)
        : Names.snakeCase(component);
    String constant = relative.replace('.', '_').toUpperCase(Locale.ROOT);
    if (!keys.add(relative) || !constants.add(constant)
        || RESERVED_KEY_CONSTANTS.contains(constant)) {
      return null;
    }
    Object min = null;
    Object max = null;
    Optional<String> minText = Optional.empty();
    Optional<String> maxText = Optional.empty();
    if (type.ordered()) {
      if (random.nextInt(3) == 0) {
        min = type.randomValue(random, null, null);
      }
      if (random.nextInt(3) == 0) {
        max = type.randomValue(random, min, null);
      }
      minText = Optional.ofNullable(min).map(v -> type.spell(v, random));
      maxText = Optional.ofNullable(max).map(v -> type.spell(v, random));
    }
    Object defaultValue = null;
    Optional<String> defaultText = Optional.empty();
    if (!type.optional() || random.nextBoolean()) {
      defaultValue = type.randomValue(random, min, max);
      defaultText = Optional.of(type.spell(defaultValue, random));
      // On an optional setting an empty default means unset (as leaving it out does).
      if (type.optional() && defaultText.get().isEmpty()) {
        defaultValue = null;
      }
    } else if (random.nextInt(4) == 0) {
      defaultText = Optional.of("");
    }
    boolean gate = kind == Kind.BOOLEAN && form == Form.PLAIN && random.nextInt(3) == 0;
    return new SettingSpec(component, namespace + "." + relative, explicit, type, defaultValue,
        defaultText, min, minText, max, maxText, kind == Kind.BYTES,
        pick(List.of("SESSION", "SESSION", "RUNTIME", "TABLE")), random.nextInt(3) == 0, gate,
        Texts.doc(random));
  }

  // ---------------------------------------------------------------------------------------------
  // policies

  private PolicySpec newPolicy() {
    TypeName type = topLevel(false);
    boolean mixin = random.nextBoolean();
    List<SchemaSpec> pool = new ArrayList<>(schemas);
    java.util.Collections.shuffle(pool, random);
    int count = pool.isEmpty() ? 0 : random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(pool.size());
    Set<String> avoid = new HashSet<>(mixin ? POLICY_MIXIN : Set.of());
    List<String> names = componentNames(count, avoid);
    List<Map.Entry<String, SchemaSpec>> components = new ArrayList<>();
    Map<String, SettingSpec> settings = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      components.add(new AbstractMap.SimpleImmutableEntry<>(names.get(i), pool.get(i)));
      pool.get(i).settings().forEach(s -> settings.put(s.key(), s));
    }
    List<ProfileSpec> profiles = new ArrayList<>();
    int profileCount = random.nextInt(7);
    List<String> profileNames = new ArrayList<>();
    Set<String> constants = new HashSet<>();
    for (int i = 0; i < profileCount * 3 && profileNames.size() < profileCount; i++) {
      String name = pick(PROFILE_NAMES);
      String constant = name.replace('-', '_').toUpperCase(Locale.ROOT);
      if (!RESERVED_PROFILE_CONSTANTS.contains(constant) && constants.add(constant)) {
        profileNames.add(name);
      }
    }
    // Parents follow a random order of the profiles, not their declaration order.
    List<String> rank = new ArrayList<>(profileNames);
    java.util.Collections.shuffle(rank, random);
    for (String name : profileNames) {
      int position = rank.indexOf(name);
      Optional<String> parent = position > 0 && random.nextInt(4) > 0
          ? Optional.of(rank.get(random.nextInt(position))) : Optional.empty();
      profiles.add(newProfile(name, parent, settings));
    }
    String name = "p" + policies.size() + (random.nextBoolean() ? "" : "_" + pick(WORDS));
    int version = 1 + random.nextInt(3);
    return new PolicySpec(type, name, version, components, profiles, mixin);
  }

  private ProfileSpec newProfile(String name, Optional<String> parent,
      Map<String, SettingSpec> settings) {
    List<String> keys = new ArrayList<>(settings.keySet());
    java.util.Collections.shuffle(keys, random);
    int count = keys.isEmpty() ? 0 : random.nextInt(Math.min(keys.size(), 5) + 1);
    List<Map.Entry<String, String>> set = new ArrayList<>();
    Map<String, Object> setValues = new LinkedHashMap<>();
    List<String> unset = new ArrayList<>();
    for (String key : keys.subList(0, count)) {
      SettingSpec setting = settings.get(key);
      if (setting.type().optional() && random.nextInt(3) == 0) {
        unset.add(key);
      } else {
        Object value = setting.type().randomValue(random, setting.min(), setting.max());
        set.add(new AbstractMap.SimpleImmutableEntry<>(key, setting.type().spell(value, random)));
        setValues.put(key, value);
      }
    }
    return new ProfileSpec(name, parent, set, setValues, unset,
        random.nextBoolean() ? "" : Texts.doc(random));
  }

  // ---------------------------------------------------------------------------------------------
  // contracts

  /** A new contract record, top level or nested in {@code host}; returns it. */
  private ContractSpec newContract(Optional<TypeName> host) {
    TypeName type = host.map(this::nested).orElseGet(() -> topLevel(random.nextInt(6) == 0));
    boolean mixin = random.nextBoolean();
    String name;
    do {
      name = pick(List.of("item", "report", "plan", "page_visit", "delta_input", "snapshot",
          "type", "match", "x", "v2")) + (contractNames.isEmpty() ? "" : "_" + random.nextInt(100));
    } while (!contractNames.add(name));
    int count = random.nextInt(12) == 0 ? 0 : 1 + random.nextInt(8);
    Set<String> avoid = new HashSet<>(mixin ? CONTRACT_MIXIN : Set.of());
    List<FieldSpec> fields = new ArrayList<>();
    for (String component : componentNames(count, avoid)) {
      fields.add(newField(component, type));
    }
    int version = random.nextInt(10) == 0 ? Integer.MAX_VALUE : 1 + random.nextInt(9);
    ContractSpec spec = new ContractSpec(type, name, version, random.nextBoolean(),
        random.nextInt(3) == 0, fields, mixin);
    if (host.isPresent()) {
      nestedContracts.computeIfAbsent(host.get().qualified(), k -> new ArrayList<>()).add(spec);
    }
    contracts.add(spec);
    return spec;
  }

  private FieldSpec newField(String component, TypeName owner) {
    FieldType type = fieldType(0, owner, false);
    boolean provenance = random.nextInt(10) == 0;
    boolean bag = !provenance && type instanceof ListOf && random.nextInt(3) > 0;
    String bagKey = "";
    if (bag && ((ListOf) type).element() instanceof ContractRef ref && random.nextBoolean()) {
      bagKey = bagKeyOf(ref).orElse("");
    }
    String absentAs = "";
    if (!provenance && (type instanceof OptionalOf || type instanceof PrimitiveOptional)
        && random.nextInt(3) > 0) {
      absentAs = random.nextBoolean() ? "NIL" : "EMPTY_STRING";
    }
    String hash = "";
    if (type.holdsText() && random.nextInt(3) == 0) {
      hash = random.nextBoolean() ? "HASH" : "HASH_OR_EMPTY";
    }
    return new FieldSpec(component, type, provenance, bag, bagKey, absentAs, hash);
  }

  /** A string or enum field of the element contract that can order a bag of it. */
  private Optional<String> bagKeyOf(ContractRef ref) {
    if (ref.proto()) {
      return proto.bagKeyOf(ref.type());
    }
    return contracts.stream().filter(c -> c.type().equals(ref.type())).findFirst()
        .flatMap(c -> c.fields().stream()
            .filter(f -> f.type() instanceof EnumRef
                || f.type() instanceof Scalar s && s.kind() == ScalarKind.STRING)
            .map(f -> Names.snakeCase(f.component()))
            .findFirst());
  }

  private FieldType fieldType(int depth, TypeName owner, boolean element) {
    int roll = random.nextInt(depth >= 2 ? 8 : 13);
    switch (roll) {
      case 0, 1, 2, 3, 4, 5 -> {
        return new Scalar(pick(List.of(ScalarKind.values())));
      }
      case 6 -> {
        return new EnumRef(enumFor(Optional.of(owner)));
      }
      case 7 -> {
        return contractRef(owner).orElseGet(() -> new Scalar(ScalarKind.STRING));
      }
      case 8, 9 -> {
        return new ListOf(fieldType(depth + 1, owner, true));
      }
      case 10 -> {
        return new MapOf(fieldType(depth + 1, owner, true));
      }
      default -> {
        if (element) {
          return new ListOf(fieldType(depth + 1, owner, true));
        }
        if (random.nextInt(3) == 0) {
          return new PrimitiveOptional(pick(List.of(ScalarKind.INT, ScalarKind.LONG,
              ScalarKind.DOUBLE)));
        }
        return new OptionalOf(fieldType(depth + 1, owner, true));
      }
    }
  }

  /** A nested contract: an earlier record, a new nested record, or a proto message. */
  private Optional<FieldType> contractRef(TypeName owner) {
    // A record cannot nest a proto message (the contract language nests @Contract records in
    // records, messages in messages), so records only nest records.
    int roll = random.nextInt(3);
    if (roll == 0 && owner.simpleNames().size() == 1) {
      return Optional.of(new ContractRef(newContract(Optional.of(owner)).type(), false));
    }
    if (!contracts.isEmpty()) {
      return Optional.of(new ContractRef(pick(contracts).type(), false));
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------------------------------------
  // for ProtoWriter

  boolean claimFlatName(String flat) {
    return flatNames.add(flat);
  }

  void addMessage(MessageSpec message) {
    messages.add(message);
  }

  boolean claimContractName(String name) {
    return contractNames.add(name);
  }
}
