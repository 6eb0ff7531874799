package io.codeanatomy.processor.resolve;

import static io.codeanatomy.processor.resolve.Models.contract;
import static io.codeanatomy.processor.resolve.Models.field;
import static io.codeanatomy.processor.resolve.Models.policy;
import static io.codeanatomy.processor.resolve.Models.profile;
import static io.codeanatomy.processor.resolve.Models.schema;
import static io.codeanatomy.processor.resolve.Models.setting;
import static io.codeanatomy.processor.resolve.Models.string;
import static io.codeanatomy.processor.resolve.Models.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.contracts.canonical.SettingsHash;
import io.codeanatomy.processor.model.ContractModel;
import io.codeanatomy.processor.model.ContractSet;
import io.codeanatomy.processor.model.FieldType;
import io.codeanatomy.processor.model.JavaForm;
import io.codeanatomy.processor.model.SettingModel;
import io.codeanatomy.processor.model.SettingsSchemaModel;
import io.codeanatomy.processor.model.ValueKind;
import io.codeanatomy.processor.model.ValueType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The resolution step on hand-built models: what every emitter reads, computed once. */
class ResolverTest {

  private static final SettingsSchemaModel EXEC = schema("Exec", "x.exec",
      setting("partitions", "x.exec.partitions", type(ValueKind.INT), "8"),
      setting("memory", "x.exec.memory", ValueType.of(ValueKind.BYTES, JavaForm.OPTIONAL_LONG),
          "64MiB"),
      setting("ttl", "x.exec.cache.ttl", ValueType.of(ValueKind.DURATION, JavaForm.OPTIONAL),
          null));

  @Test
  void settingsCarryCanonicalTextAndTheirGeneratedNames() {
    ResolvedSchema exec = new Resolver().resolve(set(List.of(EXEC))).localSchemas().get(0);
    ResolvedSetting memory = exec.settings().get(1);
    assertEquals(Optional.of("67108864"), memory.defaultValue());
    assertEquals(1, memory.position());
    ResolvedSetting ttl = exec.settings().get(2);
    assertEquals(Optional.empty(), ttl.defaultValue());
    assertEquals("cache.ttl", ttl.relativeKey());
    assertEquals("CACHE_TTL", ttl.keyConstant());
  }

  @Test
  void aSchemaFingerprintFollowsMeaningNotDocs() {
    String base = fingerprint(EXEC);
    SettingModel partitions = EXEC.settings().get(0);
    SettingsSchemaModel reworded = schema("Exec", "x.exec", new SettingModel(
        partitions.component(), partitions.key(), partitions.type(), partitions.defaultText(),
        "Reworded.", partitions.min(), partitions.max(), partitions.unit(), partitions.scope(),
        partitions.planningAffecting(), partitions.featureGate(), partitions.origin()),
        EXEC.settings().get(1), EXEC.settings().get(2));
    assertEquals(base, fingerprint(reworded));
    SettingsSchemaModel moved = schema("Exec", "x.exec",
        setting("partitions", "x.exec.partitions", type(ValueKind.INT), "16"),
        EXEC.settings().get(1), EXEC.settings().get(2));
    assertNotEquals(base, fingerprint(moved));
    // The same value spelled another way is the same meaning.
    SettingsSchemaModel spelled = schema("Exec", "x.exec", EXEC.settings().get(0),
        setting("memory", "x.exec.memory", ValueType.of(ValueKind.BYTES, JavaForm.OPTIONAL_LONG),
            "67108864"), EXEC.settings().get(2));
    assertEquals(base, fingerprint(spelled));
  }

  @Test
  void profilesApplyOverridesThenUnsetsOnTopOfTheirParent() {
    ContractSet set = new ContractSet("t", List.of(EXEC), List.of(policy("p", List.of(EXEC),
        profile("child", "base", List.of("x.exec.cache.ttl=90s", "x.exec.partitions=2")),
        profile("base", null, List.of("x.exec.partitions=4"), "x.exec.memory"))));
    ResolvedPolicy policy = new Resolver().resolve(set).policies().get(0);
    ResolvedProfile base = policy.profiles().get(1);
    ResolvedProfile child = policy.profiles().get(0);
    assertEquals(Map.of("x.exec.partitions", "4"), base.effectiveSettings());
    assertEquals(new TreeMap<>(Map.of("x.exec.partitions", "2", "x.exec.cache.ttl", "90s")),
        child.effectiveSettings());
    assertEquals(SettingsHash.of(child.effectiveSettings()), child.settingsHash());
    // Declaration order for catalogs; parents first for initialization.
    assertEquals(List.of("child", "base"), policy.profiles().stream()
        .map(ResolvedProfile::name).toList());
    assertEquals(List.of("base", "child"), policy.parentsFirst().stream()
        .map(ResolvedProfile::name).toList());
    ResolvedProfile.Assignment unset = base.assignments().get(1);
    assertEquals("x.exec.memory", unset.setting().key());
    assertEquals(Optional.empty(), unset.value());
    assertEquals(0, unset.component());
    assertEquals(Optional.of("90s"), child.assignments().get(0).value());
  }

  @Test
  void aProfileTheChecksRefuseIsABugNotAResult() {
    ContractSet cycle = new ContractSet("t", List.of(EXEC), List.of(policy("p", List.of(EXEC),
        profile("a", "b", List.of()), profile("b", "a", List.of()))));
    assertThrows(IllegalStateException.class, () -> new Resolver().resolve(cycle));
  }

  @Test
  void contractsWriteTheirFieldsInTheirLayoutsOrder() {
    ContractModel sorted = contract("S", "s", ContractModel.Layout.SORTED_MAP,
        field("zeta", string()), field("alpha", string()));
    ContractModel pairs = contract("O", "o", ContractModel.Layout.ORDERED_PAIRS,
        field("zeta", string()), field("alpha", string()));
    ResolvedSet set = new Resolver().resolve(new ContractSet("t", List.of(), List.of(),
        List.of(sorted, pairs), List.of()));
    assertEquals(List.of("alpha", "zeta"), set.contracts().get(0).hashedInWriteOrder().stream()
        .map(ResolvedField::name).toList());
    assertEquals(List.of("zeta", "alpha"), set.contracts().get(1).hashedInWriteOrder().stream()
        .map(ResolvedField::name).toList());
  }

  @Test
  void aNestedContractEntersByNameAndFingerprint() {
    ContractModel inner = contract("Inner", "inner", ContractModel.Layout.SORTED_MAP,
        field("a", string()));
    ContractModel outer = contract("Outer", "outer", ContractModel.Layout.SORTED_MAP,
        field("items", new FieldType.ListType(new FieldType.ContractRef(inner.type()))));
    ResolvedSet set = new Resolver().resolve(new ContractSet("t", List.of(), List.of(),
        List.of(outer, inner), List.of()));
    ResolvedContract resolvedInner = set.contract(inner.type()).orElseThrow();
    ResolvedContract resolvedOuter = set.contract(outer.type()).orElseThrow();
    assertEquals("list<contract inner " + resolvedInner.fingerprint() + ">",
        resolvedOuter.fields().get(0).describedType());
    // A change to the nested contract changes the nesting one's fingerprint.
    ContractModel changed = contract("Inner", "inner", ContractModel.Layout.SORTED_MAP,
        field("a", string()), field("b", string()));
    ResolvedSet after = new Resolver().resolve(new ContractSet("t", List.of(), List.of(),
        List.of(outer, changed), List.of()));
    assertNotEquals(resolvedOuter.fingerprint(),
        after.contract(outer.type()).orElseThrow().fingerprint());
    assertEquals(List.of("inner", "outer"), set.contractsWithDependencies().stream()
        .map(ResolvedContract::name).toList());
  }

  @Test
  void externalDeclarationsAreResolvedOnlyWhenSomethingUsesThem() {
    SettingsSchemaModel broken = schema("Broken", "x.broken",
        setting("n", "x.broken.n", type(ValueKind.INT), "not a number")).asExternal();
    ResolvedSet set = new Resolver().resolve(new ContractSet("t", List.of(EXEC, broken),
        List.of()));
    assertEquals(List.of("x.exec"), set.schemas().stream().map(ResolvedSchema::namespace)
        .toList());
    assertTrue(set.schema(broken.type()).isEmpty());
  }

  private static ContractSet set(List<SettingsSchemaModel> schemas) {
    return new ContractSet("t", schemas, List.of());
  }

  private static String fingerprint(SettingsSchemaModel schema) {
    return new Resolver().resolve(set(List.of(schema))).localSchemas().get(0).fingerprint();
  }
}
