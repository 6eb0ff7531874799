package io.codeanatomy.contracts.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.contracts.canonical.Sha256;
import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicy;
import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.contracts.support.SettingDescriptor;
import io.codeanatomy.contracts.support.UnknownProfileException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The core policy declares the domain's keys and profiles, and its hashes are what they claim. */
class CorePolicyTest {

  static List<String> profiles() {
    return DomainKeys.PROFILES;
  }

  @Test
  void everyDomainKeyIsDeclaredOnceWithItsPlanningFlag() {
    List<SettingDescriptor> descriptors = CodeAnatomyPolicyContract.DESCRIPTORS;
    Set<String> declared = new TreeSet<>();
    for (SettingDescriptor d : descriptors) {
      assertTrue(declared.add(d.key()), "declared once: " + d.key());
    }
    assertEquals(new TreeSet<>(DomainKeys.ALL), declared);
    assertEquals(new TreeSet<>(DomainKeys.PLANNING_AFFECTING),
        new TreeSet<>(CodeAnatomyPolicyContract.PLANNING_AFFECTING_KEYS));
    assertEquals(new TreeSet<>(DomainKeys.FEATURE_GATES),
        new TreeSet<>(CodeAnatomyPolicyContract.FEATURE_GATE_KEYS));
    for (SettingDescriptor d : descriptors) {
      assertTrue(!d.doc().isBlank(), "documented: " + d.key());
    }
  }

  @Test
  void theCatalogHasEveryDomainProfileInOrder() {
    assertEquals(DomainKeys.PROFILES, CodeAnatomyPolicyContract.profileNames());
  }

  @ParameterizedTest
  @MethodSource("profiles")
  void settingsHashIsTheOneTheProcessorComputed(String name) {
    CodeAnatomyPolicy policy = CodeAnatomyPolicyContract.profile(name);
    String hash = policy.settingsHash();
    assertTrue(Sha256.isHex(hash), hash);
    assertEquals(CodeAnatomyPolicyContract.expectedSettingsHash(name), hash);
  }

  @ParameterizedTest
  @MethodSource("profiles")
  void everyProfileRoundTripsThroughItsSettings(String name) {
    CodeAnatomyPolicy policy = CodeAnatomyPolicyContract.profile(name);
    SortedMap<String, String> settings = policy.effectiveSettings();
    assertEquals(policy, CodeAnatomyPolicyContract.fromSettings(settings));
  }

  @Test
  void profileHashesAreDistinct() {
    Set<String> hashes = new HashSet<>();
    for (String name : DomainKeys.PROFILES) {
      assertTrue(hashes.add(CodeAnatomyPolicyContract.profile(name).settingsHash()), name);
    }
  }

  @Test
  void profilesCarryTheDomainValues() {
    SortedMap<String, String> dev = CodeAnatomyPolicyContract.DEV.effectiveSettings();
    assertEquals("4294967296", dev.get("datafusion.runtime.memory_limit"));
    assertEquals("2", dev.get("datafusion.execution.planning_concurrency"));
    assertEquals("2m", dev.get("datafusion.runtime.list_files_cache_ttl"));
    SortedMap<String, String> symtable = CodeAnatomyPolicyContract.SYMTABLE.effectiveSettings();
    assertEquals("UTC", symtable.get("datafusion.execution.time_zone"));
    assertEquals("1m", symtable.get("datafusion.runtime.list_files_cache_ttl"));
    assertEquals("false", symtable.get("datafusion.execution.collect_statistics"));
    SortedMap<String, String> large = CodeAnatomyPolicyContract.LARGE.effectiveSettings();
    assertEquals("codeanatomy", large.get("datafusion.catalog.default_catalog"));
    assertEquals("16384", large.get("datafusion.execution.batch_size"));
    assertEquals("134217728", large.get("datafusion.optimizer.repartition_file_min_size"));
    // The declared defaults leave optional settings unset: absent from the snapshot.
    SortedMap<String, String> defaults = CodeAnatomyPolicyContract.effectiveSettings(
        io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract.defaults());
    assertTrue(!defaults.containsKey("datafusion.runtime.memory_limit"));
    assertEquals(DomainKeys.ALL.size() - 4, defaults.size());
  }

  @Test
  void planningEnvironmentHoldsExactlyThePlanningKeys() {
    SortedMap<String, String> planning = CodeAnatomyPolicyContract.PROD.planningEnvironmentSettings();
    assertEquals(new TreeSet<>(DomainKeys.PLANNING_AFFECTING), planning.keySet());
  }

  @Test
  void featureGateParityHashIsTheLegacyTextHash() {
    // Independently of the generated code: key=value sorted by key, joined with '|'.
    String text = String.join("|", new TreeSet<>(DomainKeys.FEATURE_GATES).stream()
        .map(k -> k + "=true").toList());
    String expected = Sha256.hexOfUtf8(text);
    for (String name : DomainKeys.PROFILES) {
      assertEquals(expected, CodeAnatomyPolicyContract.profile(name).featureGateParityHash(), name);
    }
    CodeAnatomyPolicy off = CodeAnatomyPolicyContract.DEFAULT.toBuilder()
        .featureGates(g -> g.enableSortPushdown(false)).build();
    assertNotEquals(expected, off.featureGateParityHash());
  }

  @Test
  void settingsHashChangesWithOneValueAndOnlyForThatPolicy() {
    CodeAnatomyPolicy dev = CodeAnatomyPolicyContract.DEV;
    CodeAnatomyPolicy changed = dev.toBuilder().execution(e -> e.batchSize(8191)).build();
    assertNotEquals(dev.settingsHash(), changed.settingsHash());
    // A non-planning setting leaves the planning-environment hash alone ...
    assertEquals(dev.planningEnvironmentHash(), changed.planningEnvironmentHash());
    // ... a planning-affecting one changes it.
    CodeAnatomyPolicy planning = dev.toBuilder().execution(e -> e.targetPartitions(3)).build();
    assertNotEquals(dev.planningEnvironmentHash(), planning.planningEnvironmentHash());
  }

  @Test
  void unknownProfileListsTheKnownOnes() {
    UnknownProfileException e = assertThrows(UnknownProfileException.class,
        () -> CodeAnatomyPolicyContract.profile("staging"));
    assertEquals("unknown profile 'staging' of policy codeanatomy; known profiles: default, dev, "
        + "prod, symtable, small, medium, large", e.getMessage());
    assertThrows(UnknownProfileException.class,
        () -> CodeAnatomyPolicyContract.expectedSettingsHash("staging"));
  }
}
