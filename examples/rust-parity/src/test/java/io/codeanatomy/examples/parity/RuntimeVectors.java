package io.codeanatomy.examples.parity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.codeanatomy.contracts.canonical.CanonicalWriter;
import io.codeanatomy.contracts.proto.options.Payload;
import io.codeanatomy.contracts.relspec.CacheDiagnostics;
import io.codeanatomy.contracts.relspec.CacheKind;
import io.codeanatomy.contracts.relspec.CacheStats;
import io.codeanatomy.contracts.relspec.ExecutionPackage;
import io.codeanatomy.contracts.relspec.PlanningEnvironmentSnapshot;
import io.codeanatomy.contracts.relspec.RulepackProfile;
import io.codeanatomy.contracts.relspec.RulepackSnapshot;
import io.codeanatomy.contracts.relspec.SqlPolicy;
import io.codeanatomy.examples.pipeline.PipelineRun;
import io.codeanatomy.runtime.payload.ContractVersionException;
import io.codeanatomy.runtime.payload.Decoded;
import io.codeanatomy.runtime.payload.PayloadCodec;
import io.codeanatomy.runtime.payload.PayloadException;
import io.codeanatomy.runtime.payload.Payloads;
import io.codeanatomy.runtime.payload.ProtoPayloads;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Writes the folder the Rust runtime tests read ({@code target/parity/runtime}): a real run of the
 * main job (the semantic pipeline's artifacts, sealed at a fixed time), the wire-format vectors of
 * the test messages ({@link WireVectors}), canonical MessagePack values written by the Java
 * writer, the canonical decoding vectors, and what the Java payload readers make of payloads
 * changed one field at a time (accepted and written back, or refused with their message).
 */
final class RuntimeVectors {

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final HexFormat HEX = HexFormat.of();
  private static final long SEED = 0x5eed_2026_0612L;
  /** 2026-01-01T00:00:00Z: the run is sealed at a fixed time, so its bytes never change. */
  static final long SEALED_AT = 1_767_225_600_000L;

  private RuntimeVectors() {}

  /** Writes every file into {@code dir}, replacing what was there. */
  static void write(Path dir) throws IOException {
    deleteTree(dir);
    Files.createDirectories(dir);
    Path run = dir.resolve("run");
    PipelineRun.Summary summary = PipelineRun.run(new PipelineRun.Options("default", 400, run,
        OptionalLong.of(SEALED_AT), "warn"), OpenTelemetry.noop(), (step, millis) -> { });
    if (!summary.verification().intact()) {
      throw new IllegalStateException("the run does not verify: " + summary.verification());
    }
    writeJson(dir.resolve("wire-vectors.json"), WireVectors.vectors(SEED));
    writeJson(dir.resolve("msgpack-values.json"), msgpackValues());
    copyResource("META-INF/codeanatomy/canonical-decoding-vectors.json",
        dir.resolve("canonical-decoding-vectors.json"));
    writeJson(dir.resolve("payload-vectors.json"), payloadVectors(run));
    writeJson(dir.resolve("canonical-bodies.json"), canonicalBodies(run));
  }

  // ---------------------------------------------------------------------------------------------
  // rendering, as the payload writers render (io.codeanatomy.runtime.payload.Envelope)

  /** Two-space indentation, {@code \n} line ends: the payload writers' pretty printer. */
  static String render(JsonNode node) {
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return JSON.writer(printer).writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void writeJson(Path file, JsonNode node) throws IOException {
    Files.writeString(file, JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(node) + "\n", StandardCharsets.UTF_8);
  }

  private static void copyResource(String resource, Path target) throws IOException {
    try (InputStream in = RuntimeVectors.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path");
      }
      Files.write(target, in.readAllBytes());
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // canonical MessagePack values

  /** Random value trees as CanonicalWriter encodes them: every kind, every format boundary. */
  private static ObjectNode msgpackValues() {
    SplittableRandom random = new SplittableRandom(SEED);
    ObjectNode root = NODES.objectNode();
    ArrayNode values = root.putArray("values");
    for (int i = 0; i < 300; i++) {
      Object value = randomValue(random, 0);
      values.addObject().put("name", "random " + i)
          .put("hex", HEX.formatHex(new CanonicalWriter().writeValue(value).toByteArray()));
    }
    return root;
  }

  private static final long[] INTEGERS = {0, 127, 128, 255, 256, 65535, 65536, 4294967295L,
      4294967296L, -1, -32, -33, -128, -129, -32768, -32769, -2147483648L, -2147483649L,
      Long.MIN_VALUE, Long.MAX_VALUE};
  private static final String[] PIECES = {"a", "key", "\u00e9", "\u20ac", "\uFF61",
      "\uD83D\uDE00", "\"", "\u0000", "Z"};

  private static Object randomValue(SplittableRandom r, int depth) {
    int kind = r.nextInt(depth > 3 ? 7 : 9);
    return switch (kind) {
      case 0 -> null;
      case 1 -> r.nextBoolean();
      case 2 -> r.nextBoolean() ? INTEGERS[r.nextInt(INTEGERS.length)] : r.nextLong();
      case 3 -> r.nextBoolean() ? new BigInteger(64, new java.util.Random(r.nextLong()))
          : (Object) (r.nextInt(5) == 0 ? -0.0 : r.nextDouble() * 1e6 - 5e5);
      case 4 -> Double.longBitsToDouble(r.nextLong() & 0x7fef_ffff_ffff_ffffL);
      case 5 -> randomString(r);
      case 6 -> {
        byte[] bytes = new byte[r.nextInt(4) == 0 ? 250 + r.nextInt(20) : r.nextInt(6)];
        for (int i = 0; i < bytes.length; i++) {
          bytes[i] = (byte) r.nextInt(256);
        }
        yield bytes;
      }
      case 7 -> {
        List<Object> list = new ArrayList<>();
        for (int i = r.nextInt(4) == 0 ? 14 + r.nextInt(4) : r.nextInt(4); i > 0; i--) {
          list.add(randomValue(r, depth + 1));
        }
        yield list;
      }
      default -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = r.nextInt(4) == 0 ? 14 + r.nextInt(4) : r.nextInt(4); i > 0; i--) {
          map.put(randomString(r), randomValue(r, depth + 1));
        }
        yield map;
      }
    };
  }

  private static String randomString(SplittableRandom r) {
    StringBuilder s = new StringBuilder();
    int n = r.nextInt(10) == 0 ? 30 + r.nextInt(4) : r.nextInt(5);
    for (int i = 0; i < n; i++) {
      s.append(PIECES[r.nextInt(PIECES.length)]);
    }
    return s.toString();
  }

  /** The canonical bytes (the hashed form) of every payload of the run, by file. */
  private static ObjectNode canonicalBodies(Path run) throws IOException {
    ObjectNode root = NODES.objectNode();
    List<Path> files = new ArrayList<>(List.of(run.resolve("package.json"),
        run.resolve("policy.json"), run.resolve("calibration.json")));
    try (Stream<Path> bundles = Files.list(run.resolve("bundles"))) {
      for (Path bundle : bundles.sorted().toList()) {
        files.add(bundle.resolve("fingerprint.json"));
        files.add(bundle.resolve("identity.json"));
      }
    }
    for (Path file : files) {
      String json = Files.readString(file);
      root.put(run.relativize(file).toString(), HEX.formatHex(canonicalBytes(
          Payloads.forContract(RuntimeVectors.class.getClassLoader(), Payloads.contractOf(json)),
          json)));
    }
    return root;
  }

  private static <T> byte[] canonicalBytes(PayloadCodec<T> codec, String json) {
    return codec.contractType().canonicalBytes(codec.fromJson(json).value());
  }

  // ---------------------------------------------------------------------------------------------
  // payloads changed one field at a time, and what the Java readers make of them

  private static final String HASH = "ab".repeat(32);

  private static ObjectNode payloadVectors(Path run) throws IOException {
    ObjectNode root = NODES.objectNode();
    ArrayNode json = root.putArray("json");
    ArrayNode binary = root.putArray("binary");
    Path bundle;
    try (Stream<Path> bundles = Files.list(run.resolve("bundles"))) {
      bundle = bundles.sorted().findFirst().orElseThrow();
    }
    String pkg = Files.readString(run.resolve("package.json"));
    String fingerprint = Files.readString(bundle.resolve("fingerprint.json"));
    String identity = Files.readString(bundle.resolve("identity.json"));
    String policy = Files.readString(run.resolve("policy.json"));
    String calibration = Files.readString(run.resolve("calibration.json"));
    String diagnostics = ProtoPayloads.of(CacheDiagnostics.class).toJson(
        CacheDiagnostics.newBuilder()
            .addCaches(CacheStats.newBuilder().setCache(CacheKind.PLAN).setEntries(3).setHits(10)
                .setMisses(-2).setLimitBytes(1L << 40).setTtlSeconds(30))
            .addCaches(CacheStats.newBuilder().setCache(CacheKind.METADATA).setEvictions(1))
            .setEventTimeUnixMs(SEALED_AT).build());
    String rulepack = ProtoPayloads.of(RulepackSnapshot.class).toJson(RulepackSnapshot.newBuilder()
        .setProfile(RulepackProfile.LOW_LATENCY).addAnalyzerRules("a").addLogicalRules("b")
        .build());
    String sqlPolicy = ProtoPayloads.of(SqlPolicy.class).toJson(SqlPolicy.newBuilder()
        .setAllowDdl(true).build());
    String environment = ProtoPayloads.of(PlanningEnvironmentSnapshot.class).toJson(
        PlanningEnvironmentSnapshot.newBuilder().setEngineVersion("calcite 1.41")
            .putSettings("datafusion.execution.target_partitions", "8").putSettings("a.b", "")
            .setSqlPolicy(SqlPolicy.newBuilder().setAllowStatements(true))
            .putExplainControls("verbose", "false").setPlanningSurfacePolicyVersion("v1")
            .build());

    Cases c = new Cases(json);
    for (String base : List.of(pkg, fingerprint, identity, policy, calibration, diagnostics,
        rulepack, sqlPolicy, environment)) {
      c.as(base, "unchanged", p -> { });
      c.as(base, "an unknown top-level field", p -> p.put("shiny_new_field", 1));
      c.envelope(base, "payload is an array", e -> e.putArray("payload"));
    }
    for (String literal : List.of("\"5\"", "5", "5.0", "\"5.0\"", "\"-0\"", "-0", "\"007\"",
        "\"+5\"", "\" 5\"", "\"9223372036854775807\"", "\"9223372036854775808\"",
        "9223372036854775808", "-9223372036854775808", "\"-9223372036854775809\"", "true",
        "null", "[]", "\"1e3\"", "1e3", "\"\"", "\"99999999999999999999\"")) {
      c.field(pkg, "created_at_unix_ms", literal);
    }
    c.as(pkg, "field by its JSON name", p -> p.set("createdAtUnixMs",
        p.remove("created_at_unix_ms")));
    c.as(pkg, "field by both names", p -> p.put("createdAtUnixMs", "5"));
    c.as(pkg, "a field missing", p -> p.remove("rulepack_hash"));
    c.as(pkg, "the message field missing", p -> p.remove("cache_diagnostics"));
    for (String literal : List.of("\"abc\"", "5", "null", "\"\\u00e9\"", "\"" + HASH + "\"",
        "\"" + "x".repeat(90) + "\"")) {
      c.field(pkg, "rulepack_hash", literal);
    }
    for (String literal : List.of("{}", "[]", "{\"a\": 5}", "{\"a\": \"nothash\"}",
        "{\"b\": \"" + HASH + "\", \"a\": \"" + HASH + "\", \"\\uff61\": \"" + HASH
            + "\", \"\\ud83d\\ude00\": \"" + HASH + "\"}",
        "{\"b\": \"x\", \"a\": \"y\"}")) {
      c.field(pkg, "plan_bundle_fingerprints", literal);
    }
    for (String literal : List.of("null", "{}", "{\"caches\": [], \"event_time_unix_ms\": \"0\"}",
        "{\"caches\": [], \"event_time_unix_ms\": \"0\", \"extra\": 1}",
        "{\"caches\": [{\"cache\": \"PLAN\", \"entries\": \"1\", \"hits\": \"2\", \"misses\": \"3\","
            + " \"evictions\": \"4\", \"limit_bytes\": \"5\", \"ttl_seconds\": \"6\"}],"
            + " \"eventTimeUnixMs\": 7}")) {
      c.field(pkg, "cache_diagnostics", literal);
    }
    for (String literal : List.of("\"" + HASH + "\"", "\"\"", "null", "5")) {
      c.field(fingerprint, "delta_store_policy_hash", literal);
    }
    c.as(fingerprint, "optional field absent", p -> p.remove("delta_store_policy_hash"));
    for (String literal : List.of("[\"b\", \"a\"]", "[\"a\", 5]", "\"a\"", "[null]", "{}")) {
      c.field(fingerprint, "required_udfs", literal);
    }
    for (String literal : List.of(
        "[{\"dataset\": \"d\", \"version\": \"1\", \"snapshot_hash\": \"\"}]",
        "[{\"dataset\": \"d\", \"version\": 1}]",
        "[{\"dataset\": \"d\", \"version\": \"x\", \"snapshot_hash\": \"\"}]",
        "[{\"dataset\": \"d\", \"version\": \"1\", \"snapshot_hash\": \"nothash\"}]",
        "[{\"dataset\": \"d\", \"version\": \"1\", \"snapshotHash\": \"\"}]")) {
      c.field(fingerprint, "delta_inputs", literal);
    }
    for (String literal : List.of("5", "\"5\"", "5.0", "2147483648", "-2147483649", "-0",
        "2147483647")) {
      c.field(identity, "version", literal);
    }
    for (String literal : List.of("{\"k\": 5}", "{\"k\": \"v\", \"K\": \"w\"}", "{\"k\": null}")) {
      c.field(identity, "df_settings_entries", literal);
    }
    c.field(identity, "profile_context_key", "\"\\ud800\"");
    c.field(identity, "profile_context_key", "\"\\ud83d\\ude00 \\u0001\\u001f\\t/\"");
    c.as(diagnostics, "a new counter kept", p -> p.putObject("new_counter")
        .putArray("a").add(1).add("2"));
    c.as(diagnostics, "two new counters kept, sorted", p -> {
      p.put("zeta", true);
      p.put("alpha", "x");
    });
    for (String literal : List.of("\"PLAN\"", "\"plan\"", "5", "99", "-1", "2147483648",
        "\"NOPE\"", "1.0", "true", "null", "\"CACHE_KIND_UNSPECIFIED\"")) {
      c.nested(diagnostics, "caches", 0, "cache", literal);
    }
    for (String literal : List.of("\"30\"", "null", "\"-1\"")) {
      c.nested(diagnostics, "caches", 0, "ttl_seconds", literal);
    }
    c.nested(diagnostics, "caches", 0, "hits", "true");
    c.nested(diagnostics, "caches", 0, "extra", "1");
    for (String literal : List.of("\"LOW_LATENCY\"", "\"low_latency\"", "2", "7",
        "\"RULEPACK_PROFILE_UNSPECIFIED\"")) {
      c.field(rulepack, "profile", literal);
    }
    c.field(rulepack, "analyzer_rules", "{}");
    for (String literal : List.of("true", "\"true\"", "1", "null", "0")) {
      c.field(sqlPolicy, "allow_ddl", literal);
    }
    for (String literal : List.of(
        "{\"allow_ddl\": true, \"allow_dml\": false, \"allow_statements\": true}",
        "{\"allowDdl\": true, \"allowDml\": false, \"allowStatements\": true}",
        "{\"allow_ddl\": true}")) {
      c.field(environment, "sql_policy", literal);
    }
    c.as(environment, "the message field absent", p -> p.remove("sql_policy"));
    c.field(environment, "settings", "{\"z\": \"1\", \"a\": \"2\"}");

    // records
    for (String literal : List.of("5", "null", "\"x\"", "\"\\u00e9\\n\"")) {
      c.field(policy, "workload_class", literal);
    }
    c.as(policy, "a field missing", p -> p.remove("workload_class"));
    for (String literal : List.of("\"warn\"", "\"WARN\"", "\"off\"", "1", "null")) {
      c.field(policy, "validation_mode", literal);
    }
    String view = firstKey(policy, "views");
    for (String literal : List.of("1", "-0", "-0.0", "0.5", "1e400", "\"0.5\"", "1.0E-5",
        "123456789.125", "1e21", "null", "0.1", "1e7", "9999999.0")) {
      c.record(policy, literal, "views", view, "confidence", "score");
    }
    for (String literal : List.of("null", "\"why\"", "5")) {
      c.record(policy, literal, "views", view, "confidence", "fallback_reason");
    }
    c.as(policy, "an optional field absent", p -> ((ObjectNode) p.path("views").path(view)
        .path("confidence")).remove("fallback_reason"));
    for (String literal : List.of("null", "[\"a\", 5]", "[]", "[\"b\", \"a\"]")) {
      c.record(policy, literal, "views", view, "required_udfs");
    }
    c.record(policy, "1", "views", view, "extra");
    for (String literal : List.of("[]", "{}")) {
      c.field(policy, "views", literal);
    }
    c.field(policy, "planning_env_hash", "\"nothex\"");
    c.field(policy, "policy_fingerprint", "\"\"");
    for (String literal : List.of("2", "2.5", "\"2\"", "-0.0")) {
      c.field(calibration, "cost_ratio", literal);
    }
    for (String literal : List.of("2", "\"2\"", "2.0", "9223372036854775808", "-1")) {
      c.record(calibration, literal, "before", "high_fanout");
    }
    for (String literal : List.of("[\"b\", \"a\"]", "[]")) {
      c.field(calibration, "clamped", literal);
    }
    for (String literal : List.of("\"enforce\"", "\"ENFORCE\"")) {
      c.field(calibration, "mode", literal);
    }

    // JSON syntax, and the envelope
    String text = pkg;
    c.text("duplicate key", text.replaceFirst("\"manifest_hash\"",
        "\"rulepack_hash\": \"\",\n    \"manifest_hash\""));
    c.text("trailing comma", text.replaceFirst("\\}\\s*\\}\\s*$", "},\n}\n"));
    c.text("a comment", text.replaceFirst("\\{", "{ // comment\n"));
    c.text("NaN", text.replaceFirst("\"created_at_unix_ms\": \"\\d+\"",
        "\"created_at_unix_ms\": NaN"));
    c.text("a leading zero", text.replaceFirst("\"version\": 1", "\"version\": 01"));
    c.text("a raw control character", text.replaceFirst("\"contract\": \"",
        "\"contract\": \"\u0001"));
    c.text("truncated", text.substring(0, text.length() / 2));
    c.text("empty", "");
    c.text("whitespace only", " \n ");
    c.text("an array", "[]");
    c.text("a string", "\"x\"");
    c.text("null", "null");
    c.text("trailing content", text + "{}");
    c.envelope(pkg, "another contract", e -> e.put("contract", "plan_fingerprint"));
    c.envelope(pkg, "another version", e -> e.put("version", 2));
    c.envelope(pkg, "the version as a string", e -> e.put("version", "1"));
    c.envelope(pkg, "the version as a float", e -> e.put("version", 1.0));
    c.envelope(pkg, "the version beyond int32", e -> e.put("version", 4294967297L));
    c.envelope(pkg, "another schema", e -> e.put("schemaFingerprint", "abc"));
    c.envelope(pkg, "the schema as a number", e -> e.put("schemaFingerprint", 5));
    c.envelope(pkg, "no payload", e -> e.remove("payload"));
    c.envelope(pkg, "no contract", e -> e.remove("contract"));
    c.envelope(pkg, "an unknown key", e -> e.put("extra", 1));
    c.envelope(pkg, "two unknown keys", e -> {
      e.put("zeta", 1);
      e.put("alpha", 1);
    });
    c.envelope(pkg, "the contract empty", e -> e.put("contract", ""));

    binaryCases(binary, Files.readAllBytes(run.resolve("package.binpb")));
    return root;
  }

  /** {@code json} with each unpaired surrogate written as its {@code \\u} escape. */
  static String escapeLoneSurrogates(String json) {
    StringBuilder out = new StringBuilder(json.length());
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < json.length()
          && Character.isLowSurrogate(json.charAt(i + 1))) {
        out.append(c).append(json.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Whether every surrogate of {@code text} is paired: whether it has a UTF-8 form. */
  static boolean wellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static String firstKey(String payload, String field) throws IOException {
    return JSON.readTree(payload).path("payload").path(field).fieldNames().next();
  }

  /** Builds JSON cases from a base payload and records what Java makes of each. */
  private static final class Cases {
    private final ArrayNode out;

    Cases(ArrayNode out) {
      this.out = out;
    }

    void as(String base, String what, Consumer<ObjectNode> change) throws IOException {
      envelope(base, what, e -> change.accept((ObjectNode) e.get("payload")));
    }

    void envelope(String base, String what, Consumer<ObjectNode> change) throws IOException {
      ObjectNode root = (ObjectNode) JSON.readTree(base);
      String contract = root.path("contract").asText();
      change.accept(root);
      add(contract, contract + ": " + what, render(root));
    }

    void field(String base, String field, String literal) throws IOException {
      JsonNode value = JSON.readTree(literal);
      as(base, field + " = " + literal, p -> p.set(field, value));
    }

    void nested(String base, String list, int index, String field, String literal)
        throws IOException {
      JsonNode value = JSON.readTree(literal);
      as(base, list + "[" + index + "]." + field + " = " + literal,
          p -> ((ObjectNode) p.path(list).path(index)).set(field, value));
    }

    /** Sets the field at {@code path} (object keys) to {@code literal}. */
    void record(String base, String literal, String... path) throws IOException {
      JsonNode value = JSON.readTree(literal);
      as(base, String.join(".", path) + " = " + literal, p -> {
        ObjectNode node = p;
        for (int i = 0; i < path.length - 1; i++) {
          node = (ObjectNode) node.path(path[i]);
        }
        node.set(path[path.length - 1], value);
      });
    }

    void text(String what, String input) {
      add("execution_package", "execution_package: " + what, input);
    }

    private void add(String contract, String name, String rendered) {
      // A lone surrogate (which Jackson writes as it is) goes into the file as its escape.
      String input = escapeLoneSurrogates(rendered);
      ObjectNode node = out.addObject();
      node.put("name", name);
      node.put("contract", contract);
      node.put("input", input);
      record(node, Payloads.forContract(RuntimeVectors.class.getClassLoader(), contract), input);
    }

    private static <T> void record(ObjectNode node, PayloadCodec<T> codec, String input) {
      try {
        Decoded<T> decoded = codec.fromJson(input);
        node.put("ok", true);
        String output = codec.toJson(decoded.value(), decoded.unknownFields());
        if (wellFormed(output)) {
          node.put("output", output);
        } else {
          // Read from a lone surrogate escape: text with no UTF-8 form, so no file can hold it.
          node.put("output_not_unicode", true);
        }
        try {
          node.put("hash", codec.contractType().hash(decoded.value()));
        } catch (RuntimeException e) {
          node.put("hash_error", e.getMessage()); // read, but it has no canonical encoding
        }
      } catch (PayloadException e) {
        node.put("ok", false);
        node.put("error", e.getMessage());
        node.put("version_error", e instanceof ContractVersionException);
      }
    }
  }

  private static void binaryCases(ArrayNode out, byte[] sealed) throws IOException {
    Payload envelope = Payload.parseFrom(sealed);
    ExecutionPackage pkg = ExecutionPackage.parseFrom(envelope.getBody());
    Map<String, byte[]> cases = new LinkedHashMap<>();
    cases.put("unchanged", sealed);
    cases.put("truncated", java.util.Arrays.copyOf(sealed, sealed.length - 10));
    cases.put("empty", new byte[0]);
    cases.put("not protobuf", "{\"contract\": 1}".getBytes(StandardCharsets.UTF_8));
    cases.put("an unknown envelope field", concat(sealed, WireVectors.bytes(
        o -> o.writeInt32(5, 1))));
    cases.put("an envelope field of another wire type", concat(sealed, WireVectors.bytes(
        o -> o.writeFixed32(2, 1))));
    cases.put("the contract empty", envelope.toBuilder().setContract("").build().toByteArray());
    cases.put("another contract", envelope.toBuilder().setContract("plan_fingerprint").build()
        .toByteArray());
    cases.put("another version", envelope.toBuilder().setVersion(2).build().toByteArray());
    cases.put("version 0", envelope.toBuilder().setVersion(0).build().toByteArray());
    cases.put("another schema", envelope.toBuilder().setSchemaFingerprint("abc").build()
        .toByteArray());
    ByteString body = envelope.getBody();
    cases.put("the body truncated", envelope.toBuilder()
        .setBody(body.substring(0, body.size() - 3)).build().toByteArray());
    cases.put("the body empty", envelope.toBuilder().setBody(ByteString.EMPTY).build()
        .toByteArray());
    cases.put("an unknown body field", envelope.toBuilder().setBody(body.concat(
        ByteString.copyFrom(WireVectors.bytes(o -> o.writeInt64(99, 5))))).build()
        .toByteArray());
    cases.put("a known body field of another wire type", envelope.toBuilder().setBody(
        body.concat(ByteString.copyFrom(WireVectors.bytes(o -> o.writeInt64(1, 5))))).build()
        .toByteArray());
    CacheDiagnostics diagnostics = pkg.getCacheDiagnostics().toBuilder().setUnknownFields(
        com.google.protobuf.UnknownFieldSet.newBuilder().addField(99,
            com.google.protobuf.UnknownFieldSet.Field.newBuilder().addVarint(1).build()).build())
        .build();
    cases.put("an unknown field in a nested message", envelope.toBuilder().setBody(
        pkg.toBuilder().setCacheDiagnostics(diagnostics).build().toByteString()).build()
        .toByteArray());
    cases.put("a malformed hash", envelope.toBuilder().setBody(
        pkg.toBuilder().setRulepackHash("x").setManifestHash("y").build().toByteString()).build()
        .toByteArray());
    cases.put("the body written unsorted and unpacked", envelope.toBuilder().setBody(
        ByteString.copyFrom(concat(WireVectors.bytes(o -> o.writeInt64(11, 5)),
            body.toByteArray()))).build().toByteArray());
    for (Map.Entry<String, byte[]> c : cases.entrySet()) {
      ObjectNode node = out.addObject();
      node.put("name", "execution_package: " + c.getKey());
      node.put("contract", "execution_package");
      node.put("input_hex", HEX.formatHex(c.getValue()));
      ProtoPayloads<ExecutionPackage> codec = ProtoPayloads.of(ExecutionPackage.class);
      try {
        ExecutionPackage value = codec.fromBinary(c.getValue());
        node.put("ok", true);
        node.put("output_hex", HEX.formatHex(codec.toBinary(value)));
      } catch (PayloadException e) {
        node.put("ok", false);
        node.put("error", e.getMessage());
        node.put("version_error", e instanceof ContractVersionException);
      }
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
