package io.codeanatomy.examples.fuzz.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codeanatomy.contracts.support.SettingDescriptor;
import io.codeanatomy.examples.fuzz.gen.SetSpec;
import io.codeanatomy.examples.fuzz.gen.SetSpec.ContractSpec;
import io.codeanatomy.examples.fuzz.gen.SetSpec.EnumSpec;
import io.codeanatomy.examples.fuzz.gen.SetSpec.MessageSpec;
import io.codeanatomy.examples.fuzz.gen.SetSpec.PolicySpec;
import io.codeanatomy.examples.fuzz.gen.SetSpec.ProfileSpec;
import io.codeanatomy.examples.fuzz.gen.SetSpec.SchemaSpec;
import io.codeanatomy.examples.fuzz.gen.SetSpec.SettingSpec;
import io.codeanatomy.processor.model.Names;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the generated Java of one compiled set computes, as the vectors its Rust module is
 * checked against: every schema's registry and defaults; every policy's registry and, for every
 * profile and for random edits of profiles (values in random accepted spellings, unsets), the
 * effective settings, the settings, planning-environment and feature-gate parity hashes; every
 * contract's hash and canonical bytes of random values; every enum attribute.
 *
 * <p>On the way it checks Java against the processor and against the generator's own model:
 * a profile's run-time settings hash equals the expected hash the processor computed (and the
 * manifest's), and its effective settings are those the declarations give (defaults, then the
 * parent chain's assignments and unsets). Those problems are returned with the vectors.
 */
public final class JavaVectors {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** The vectors of a set, and what Java itself got wrong. */
  public record Result(ObjectNode vectors, List<String> problems) {}

  private final SetSpec set;
  private final ClassLoader loader;
  private final JsonNode manifest;
  private final Random random;
  private final List<String> problems = new ArrayList<>();

  private JavaVectors(SetSpec set, ClassLoader loader, JsonNode manifest) {
    this.set = set;
    this.loader = loader;
    this.manifest = manifest;
    this.random = new Random(set.seed() * 31 + 7);
  }

  /** The vectors of {@code set}, whose compiled classes {@code loader} loads. */
  public static Result of(SetSpec set, ClassLoader loader, String manifestJson) {
    JsonNode manifest;
    try {
      manifest = new ObjectMapper().readTree(manifestJson);
    } catch (IOException e) {
      throw new UncheckedIOException("the manifest of " + set.name() + " does not parse", e);
    }
    JavaVectors vectors = new JavaVectors(set, loader, manifest);
    return new Result(vectors.build(), List.copyOf(vectors.problems));
  }

  private ObjectNode build() {
    ObjectNode root = JSON.objectNode();
    root.put("set", set.name());
    ArrayNode schemas = root.putArray("schemas");
    for (SchemaSpec schema : set.schemas()) {
      schemas.add(schema(schema));
    }
    ArrayNode policies = root.putArray("policies");
    for (PolicySpec policy : set.policies()) {
      policies.add(policy(policy));
    }
    ArrayNode contracts = root.putArray("contracts");
    ValueSampler sampler = new ValueSampler(random, manifest);
    for (ContractSpec contract : set.contracts()) {
      contracts.add(contract(contract.name(), contract.type().binary(),
          contract.type().contractClass(), sampler));
    }
    for (MessageSpec message : set.messages()) {
      contracts.add(contract(message.name(), message.javaType().binary(),
          message.javaType().contractClass(), sampler));
    }
    ArrayNode enums = root.putArray("enums");
    for (EnumSpec e : set.enums()) {
      if (!e.attributes().isEmpty()) {
        enums.add(enumAttributes(e));
      }
    }
    return root;
  }

  // ---------------------------------------------------------------------------------------------
  // schemas and policies

  private ObjectNode schema(SchemaSpec schema) {
    String companion = schema.type().contractClass();
    ObjectNode node = JSON.objectNode();
    node.put("namespace", schema.namespace());
    node.put("version", (Integer) field(companion, "SCHEMA_VERSION"));
    node.put("fingerprint", (String) field(companion, "SCHEMA_FINGERPRINT"));
    node.set("descriptors", descriptors(companion));
    node.set("defaults", map(call(companion, "toSettings", call(companion, "defaults"))));
    return node;
  }

  private ArrayNode descriptors(String companion) {
    ArrayNode rows = JSON.arrayNode();
    @SuppressWarnings("unchecked")
    List<SettingDescriptor> descriptors = (List<SettingDescriptor>) field(companion, "DESCRIPTORS");
    for (SettingDescriptor d : descriptors) {
      ObjectNode row = rows.addObject();
      row.put("key", d.key());
      row.put("type", d.type());
      row.put("optional", d.optional());
      row.put("default", d.defaultValue().orElse(null));
      row.put("doc", d.doc());
      row.put("unit", d.unit().name());
      row.put("scope", d.scope().name());
      row.put("planningAffecting", d.planningAffecting());
      row.put("featureGate", d.featureGate());
      row.put("min", d.min().orElse(null));
      row.put("max", d.max().orElse(null));
      ArrayNode allowed = row.putArray("allowed");
      d.allowedValues().forEach(allowed::add);
    }
    return rows;
  }

  private ObjectNode policy(PolicySpec policy) {
    String companion = policy.type().contractClass();
    ObjectNode node = JSON.objectNode();
    node.put("name", policy.name());
    node.put("fingerprint", (String) field(companion, "SCHEMA_FINGERPRINT"));
    node.set("descriptors", descriptors(companion));
    ArrayNode names = node.putArray("profileNames");
    policy.profiles().forEach(p -> names.add(p.name()));
    boolean gates = method(companion, "featureGateParityHash").isPresent();
    node.put("featureGates", gates);
    Map<String, SettingSpec> settings = new LinkedHashMap<>();
    policy.components().forEach(c -> c.getValue().settings().forEach(s -> settings.put(s.key(), s)));
    JsonNode declared = manifestPolicy(policy.name());
    ArrayNode profiles = node.putArray("profiles");
    Map<String, Object> values = new LinkedHashMap<>();
    for (ProfileSpec profile : policy.profiles()) {
      Object value = call(companion, "profile", profile.name());
      values.put(profile.name(), value);
      ObjectNode p = snapshot(companion, value, gates);
      p.put("name", profile.name());
      String expected = (String) call(companion, "expectedSettingsHash", profile.name());
      p.put("expectedSettingsHash", expected);
      profiles.add(p);
      if (!expected.equals(p.path("settingsHash").asText())) {
        problems.add("policy " + policy.name() + " profile " + profile.name() + ": the settings "
            + "hash at run time differs from the processor's expected hash");
      }
      JsonNode manifestProfile = profileOf(declared, profile.name());
      for (String hash : List.of("settingsHash", "planningEnvironmentHash")) {
        if (!manifestProfile.path(hash).asText().equals(p.path(hash).asText())) {
          problems.add("policy " + policy.name() + " profile " + profile.name() + ": " + hash
              + " differs from the manifest's");
        }
      }
      SortedMap<String, String> oracle = expectedSettings(policy, profile.name(), settings);
      if (!oracle.equals(jsonMap(p.path("effectiveSettings")))) {
        problems.add("policy " + policy.name() + " profile " + profile.name() + ": effective "
            + "settings " + p.path("effectiveSettings") + " differ from the declarations' "
            + oracle);
      }
    }
    ArrayNode variants = node.putArray("variants");
    if (!settings.isEmpty()) {
      for (int i = 0; i < 4; i++) {
        variants.add(variant(policy, companion, values, settings, gates));
      }
    }
    return node;
  }

  /** The snapshots of a policy value: effective and planning settings, the three hashes. */
  private ObjectNode snapshot(String companion, Object value, boolean gates) {
    ObjectNode p = JSON.objectNode();
    p.set("effectiveSettings", map(call(companion, "effectiveSettings", value)));
    p.set("planningEnvironmentSettings",
        map(call(companion, "planningEnvironmentSettings", value)));
    p.put("settingsHash", (String) call(companion, "settingsHash", value));
    p.put("planningEnvironmentHash", (String) call(companion, "planningEnvironmentHash", value));
    p.put("featureGateParityHash",
        gates ? (String) call(companion, "featureGateParityHash", value) : null);
    return p;
  }

  /**
   * A profile (or the defaults) edited: random settings set to random values in random accepted
   * spellings, optional ones unset, through the builder. Rust gets the base's effective settings
   * with the same edits as text and must read them to the same snapshots.
   */
  private ObjectNode variant(PolicySpec policy, String companion, Map<String, Object> profiles,
      Map<String, SettingSpec> settings, boolean gates) {
    String baseName = profiles.isEmpty() || random.nextInt(4) == 0 ? null
        : new ArrayList<>(profiles.keySet()).get(random.nextInt(profiles.size()));
    Object base = baseName == null ? call(companion, "defaults") : profiles.get(baseName);
    @SuppressWarnings("unchecked")
    Map<String, String> input = new TreeMap<>((Map<String, String>) call(companion,
        "effectiveSettings", base));
    Object builder = call(companion, "from", base);
    List<String> keys = new ArrayList<>(settings.keySet());
    java.util.Collections.shuffle(keys, random);
    ObjectNode edits = JSON.objectNode();
    for (String key : keys.subList(0, 1 + random.nextInt(Math.min(4, keys.size())))) {
      SettingSpec setting = settings.get(key);
      if (setting.type().optional() && random.nextInt(4) == 0) {
        invoke(builder, "unset", key);
        input.remove(key);
        edits.putNull(key);
      } else {
        String text = setting.type().spellRandom(random, setting.min(), setting.max());
        invoke(builder, "set", key, text);
        input.put(key, text);
        edits.put(key, text);
      }
    }
    ObjectNode node = JSON.objectNode();
    node.put("base", baseName);
    node.set("edits", edits);
    node.set("input", map(input));
    Object edited;
    try {
      edited = invoke(builder, "build");
    } catch (IllegalStateException e) {
      problems.add("policy " + policy.name() + ": Java refused valid edits " + edits + ": "
          + e.getMessage());
      node.put("refused", true);
      return node;
    }
    node.setAll(snapshot(companion, edited, gates));
    return node;
  }

  /** The effective settings the declarations give a profile: the generator's own resolution. */
  private static SortedMap<String, String> expectedSettings(PolicySpec policy, String name,
      Map<String, SettingSpec> settings) {
    ProfileSpec profile = policy.profiles().stream().filter(p -> p.name().equals(name))
        .findFirst().orElseThrow();
    SortedMap<String, String> result = new TreeMap<>();
    if (profile.parent().isPresent()) {
      result.putAll(expectedSettings(policy, profile.parent().get(), settings));
    } else {
      settings.values().forEach(s -> {
        if (s.defaultValue() != null) {
          result.put(s.key(), s.type().canonical(s.defaultValue()));
        }
      });
    }
    profile.setValues().forEach((key, value) ->
        result.put(key, settings.get(key).type().canonical(value)));
    profile.unset().forEach(result::remove);
    return result;
  }

  private JsonNode manifestPolicy(String name) {
    for (JsonNode policy : manifest.path("policies")) {
      if (policy.path("name").asText().equals(name)) {
        return policy;
      }
    }
    throw new IllegalStateException("the manifest has no policy " + name);
  }

  private static JsonNode profileOf(JsonNode policy, String name) {
    for (JsonNode profile : policy.path("profiles")) {
      if (profile.path("name").asText().equals(name)) {
        return profile;
      }
    }
    throw new IllegalStateException("the manifest has no profile " + name);
  }

  // ---------------------------------------------------------------------------------------------
  // contracts and enums

  private ObjectNode contract(String name, String javaType, String companion,
      ValueSampler sampler) {
    ObjectNode node = JSON.objectNode();
    node.put("name", name);
    node.put("version", (Integer) field(companion, "CONTRACT_VERSION"));
    node.put("fingerprint", (String) field(companion, "SCHEMA_FINGERPRINT"));
    ArrayNode cases = node.putArray("cases");
    Class<?> type = load(javaType);
    for (Object value : sampler.samples(type, 3)) {
      ObjectNode c = cases.addObject();
      c.set("value", sampler.typed(value));
      c.put("hash", (String) call(companion, "hash", value));
      c.put("hex", HexFormat.of().formatHex((byte[]) call(companion, "canonicalBytes", value)));
    }
    return node;
  }

  private ObjectNode enumAttributes(EnumSpec e) {
    ObjectNode node = JSON.objectNode();
    node.put("type", e.type().flat());
    ArrayNode values = node.putArray("values");
    Class<?> type = load(e.type().binary());
    for (Object constant : type.getEnumConstants()) {
      ObjectNode value = values.addObject();
      value.put("text", ((Enum<?>) constant).name().toLowerCase(java.util.Locale.ROOT));
      ObjectNode attributes = value.putObject("attributes");
      for (String attribute : e.attributes().keySet()) {
        double number = (Double) call(e.type().attributesClass(),
            Names.camelCase(attribute, false), constant);
        attributes.put(attribute, Long.toHexString(Double.doubleToRawLongBits(number)));
      }
    }
    return node;
  }

  // ---------------------------------------------------------------------------------------------
  // reflection

  private Class<?> load(String binaryName) {
    try {
      return Class.forName(binaryName, true, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the compiled set has no class " + binaryName, e);
    }
  }

  private Object field(String className, String name) {
    try {
      return load(className).getField(name).get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(className + " has no field " + name, e);
    }
  }

  private Optional<Method> method(String className, String name) {
    for (Method m : load(className).getMethods()) {
      if (m.getName().equals(name)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** Calls a public static method by name and number of arguments. */
  private Object call(String className, String name, Object... args) {
    for (Method m : load(className).getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == args.length
          && java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
        return invoke(m, null, args);
      }
    }
    throw new IllegalStateException(className + " has no method " + name + "/" + args.length);
  }

  /** Calls a public instance method of {@code target} taking strings (or nothing). */
  private static Object invoke(Object target, String name, String... args) {
    Class<?>[] types = new Class<?>[args.length];
    java.util.Arrays.fill(types, String.class);
    try {
      return invoke(target.getClass().getMethod(name, types), target, (Object[]) args);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(target.getClass() + " has no method " + name, e);
    }
  }

  private static Object invoke(Method method, Object target, Object... args) {
    try {
      return method.invoke(target, args);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot call " + method, e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(method.getName() + " failed: " + e.getCause(),
          e.getCause());
    }
  }

  private static ObjectNode map(Object sortedMap) {
    ObjectNode node = JSON.objectNode();
    @SuppressWarnings("unchecked")
    Map<String, String> map = (Map<String, String>) sortedMap;
    map.forEach(node::put);
    return node;
  }

  private static SortedMap<String, String> jsonMap(JsonNode node) {
    SortedMap<String, String> map = new TreeMap<>();
    node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }
}
