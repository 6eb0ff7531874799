package io.codeanatomy.runtime.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.runtime.payload.ContractType;
import io.codeanatomy.runtime.payload.Decoded;
import io.codeanatomy.runtime.payload.PayloadCodec;
import io.codeanatomy.runtime.payload.Payloads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every worked example of docs/relspec.md is true: its payload reads, its text is exactly what
 * the writer produces, and its hash (and its canonical bytes, where shown) are what the contract
 * computes.
 */
class RelspecDocTest {

  private static final Pattern EXAMPLE = Pattern.compile(
      "<!-- verified example: (\\w+) -->\\n```json\\n(.*?)```\\n(.*?)Hash: `([0-9a-f]{64})`",
      Pattern.DOTALL);
  private static final Pattern BYTES = Pattern.compile("```text\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyWorkedExampleIsWhatTheCodeComputes() throws Exception {
    Path doc = Path.of(System.getProperty("basedir", "."), "..", "docs", "relspec.md");
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    Matcher example = EXAMPLE.matcher(text);
    List<String> checked = new ArrayList<>();
    while (example.find()) {
      String contract = example.group(1);
      String json = example.group(2);
      Decoded<?> read = Payloads.read(getClass().getClassLoader(), json);
      PayloadCodec<?> codec = Payloads.forContract(getClass().getClassLoader(), contract);
      assertEquals(contract, codec.contractType().name());
      assertEquals(json, write(codec, read.value()), contract + ": the JSON in the doc is not "
          + "what the writer produces");
      assertEquals(example.group(4), hash(codec.contractType(), read.value()), contract);
      Matcher bytes = BYTES.matcher(example.group(3));
      if (bytes.find()) {
        String hex = bytes.group(1).lines().map(line -> line.replaceFirst("#.*", ""))
            .map(line -> line.replaceAll("\\s", "")).reduce("", String::concat);
        assertEquals(hex, HexFormat.of().formatHex(
            canonicalBytes(codec.contractType(), read.value())), contract + " canonical bytes");
      }
      checked.add(contract);
    }
    assertEquals(List.of("plan_fingerprint", "plan_identity", "execution_package",
        "compiled_execution_policy"), checked);
    assertTrue(text.contains("bebedbd41367f862873ca48f2839a7aeda478cfcf8c59fc652817ae77b2b0263"));
  }

  @SuppressWarnings("unchecked")
  private static <T> String write(PayloadCodec<T> codec, Object value) {
    return codec.toJson((T) value);
  }

  @SuppressWarnings("unchecked")
  private static <T> String hash(ContractType<T> type, Object value) {
    return type.hash((T) value);
  }

  @SuppressWarnings("unchecked")
  private static <T> byte[] canonicalBytes(ContractType<T> type, Object value) {
    return type.canonicalBytes((T) value);
  }
}
