package io.codeanatomy.examples.parity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codeanatomy.compat.manifest.ContractEntry;
import io.codeanatomy.compat.manifest.Manifest;
import io.codeanatomy.compat.manifest.PolicyEntry;
import io.codeanatomy.compat.manifest.ProfileEntry;
import io.codeanatomy.runtime.manifest.Manifests;
import io.codeanatomy.runtime.payload.PayloadCodec;
import io.codeanatomy.runtime.payload.PayloadException;
import io.codeanatomy.runtime.payload.Payloads;
import io.codeanatomy.runtime.payload.ProtoPayloads;
import io.codeanatomy.runtime.payload.RecordPayloads;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Writes the parity directory the Cargo crate reads: for every contract set on the class path its
 * generated Rust module and its manifest (both from the jar, as a user would get them), the shared
 * canonical-encoding vectors, and {@code java-settings-vectors.json}: every profile's effective
 * settings and hashes as the generated <em>Java</em> computes them at run time.
 *
 * <p>Contracts get {@code java-contract-vectors.json}: sample instances of every contract and their
 * variants (each hashed field changed, bags reordered, provenance changed) with their hashes as the
 * generated Java computes them, and their payloads as the runtime writes them (JSON and binary),
 * or the writer's refusal.
 *
 * <p>The Java classes are found from the manifest's {@code javaType}, so any contract set on the
 * class path takes part without changes here.
 */
public final class ParityFiles {

  private ParityFiles() {}

  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/parity");
    write(dir, ParityFiles.class.getClassLoader());
    System.out.println("wrote " + dir.toAbsolutePath());
  }

  /** Writes every file into {@code dir}, replacing what was there. */
  public static void write(Path dir, ClassLoader loader) {
    try {
      Files.createDirectories(dir.resolve("rust"));
      Files.createDirectories(dir.resolve("manifests"));
      copy(loader, "META-INF/codeanatomy/canonical-vectors.json", dir.resolve("canonical-vectors.json"));
      ObjectNode vectors = JsonNodeFactory.instance.objectNode();
      ArrayNode policies = vectors.putArray("policies");
      ObjectNode contractVectors = JsonNodeFactory.instance.objectNode();
      ArrayNode contracts = contractVectors.putArray("contracts");
      List<Manifest> manifests = Manifests.onClassPath(loader);
      Map<String, ContractEntry> byJavaType = new java.util.HashMap<>();
      manifests.forEach(m -> m.contracts().forEach(c -> byJavaType.put(c.javaType(), c)));
      ContractSamples samples = new ContractSamples(byJavaType);
      for (Manifest manifest : manifests) {
        String set = manifest.contractSet();
        String module = set + "_contracts.rs";
        copy(loader, "META-INF/codeanatomy/rust/" + module, dir.resolve("rust").resolve(module));
        copyManifest(loader, set, dir.resolve("manifests").resolve(set + ".manifest.json"));
        for (PolicyEntry policy : manifest.policies()) {
          policies.add(javaVectors(set, policy, loader));
        }
        for (ContractEntry contract : manifest.contracts()) {
          contracts.add(contractVectors(set, contract, samples, loader));
        }
      }
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      json.writeValue(dir.resolve("java-settings-vectors.json").toFile(), vectors);
      json.writeValue(dir.resolve("java-contract-vectors.json").toFile(), contractVectors);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the parity files into " + dir, e);
    }
  }

  private static ObjectNode javaVectors(String set, PolicyEntry policy,
      ClassLoader loader) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("contractSet", set);
    node.put("policy", policy.name());
    ArrayNode profiles = node.putArray("profiles");
    String type = policy.javaType();
    for (ProfileEntry profile : policy.profiles()) {
      Object value = call(loader, type + "Contract", "profile", profile.name());
      ObjectNode p = profiles.addObject();
      p.put("name", profile.name());
      p.put("settingsHash", (String) call(loader, type + "Contract", "settingsHash", value));
      ObjectNode settings = p.putObject("effectiveSettings");
      @SuppressWarnings("unchecked")
      Map<String, String> effective =
          (Map<String, String>) call(loader, type + "Contract", "effectiveSettings", value);
      effective.forEach(settings::put);
    }
    return node;
  }

  private static ObjectNode contractVectors(String set, ContractEntry contract,
      ContractSamples samples, ClassLoader loader) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("contractSet", set);
    node.put("contract", contract.name());
    ArrayNode cases = node.putArray("cases");
    Class<?> record;
    try {
      record = Class.forName(contract.javaType(), true, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the manifest names " + contract.javaType(), e);
    }
    String codec = contract.javaType() + "Contract";
    PayloadCodec<?> payloads = Payloads.of(record);
    for (ContractSamples.Case c : samples.cases(contract, record)) {
      ObjectNode out = cases.addObject();
      out.put("name", c.name());
      out.put("expect", c.expect());
      out.put("hash", (String) call(loader, codec, "hash", c.value()));
      out.put("hex", java.util.HexFormat.of().formatHex(
          (byte[]) call(loader, codec, "canonicalBytes", c.value())));
      out.set("value", samples.typed(c.value()));
      try {
        out.put("json", json(payloads, c.value()));
        out.put("binary", java.util.HexFormat.of().formatHex(binary(payloads, c.value())));
      } catch (PayloadException e) {
        out.put("payloadError", e.getMessage());
      }
    }
    return node;
  }

  /** The JSON payload of a sample, as the runtime's payload writers write it. */
  @SuppressWarnings("unchecked")
  static <T> String json(PayloadCodec<T> codec, Object value) {
    return codec.toJson((T) value);
  }

  /** The binary payload of a sample: protobuf for a message, the binary form for a record. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static byte[] binary(PayloadCodec<?> codec, Object value) {
    if (codec instanceof ProtoPayloads proto) {
      return proto.toBinary((com.google.protobuf.Message) value);
    }
    return ((RecordPayloads) codec).toBinary((Record) value);
  }

  /** Calls a public static one-argument method of a generated class. */
  private static Object call(ClassLoader loader, String className, String method, Object arg) {
    try {
      Class<?> type = Class.forName(className, true, loader);
      for (Method m : type.getMethods()) {
        if (m.getName().equals(method) && m.getParameterCount() == 1) {
          return m.invoke(null, arg);
        }
      }
      throw new IllegalStateException(className + " has no method " + method);
    } catch (ClassNotFoundException | IllegalAccessException e) {
      throw new IllegalStateException("cannot call " + className + "." + method, e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(className + "." + method + " failed", e.getCause());
    }
  }

  /** The manifest of {@code set}: several jars share the resource path, so match by content. */
  private static void copyManifest(ClassLoader loader, String set, Path target) throws IOException {
    var urls = loader.getResources(Manifests.RESOURCE);
    while (urls.hasMoreElements()) {
      var url = urls.nextElement();
      try (InputStream in = url.openStream()) {
        byte[] bytes = in.readAllBytes();
        if (new ObjectMapper().readTree(bytes).path("contractSet").asText().equals(set)) {
          Files.write(target, bytes);
          return;
        }
      }
    }
    throw new IllegalStateException("no manifest of contract set " + set);
  }

  private static void copy(ClassLoader loader, String resource, Path target) throws IOException {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path");
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
