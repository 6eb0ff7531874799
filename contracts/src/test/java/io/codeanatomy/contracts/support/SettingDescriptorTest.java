package io.codeanatomy.contracts.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.codeanatomy.contracts.annotations.Setting;
import io.codeanatomy.contracts.core.settings.ExplainSettingsContract;
import io.codeanatomy.contracts.core.settings.OptimizerSettingsContract;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The factory generated registries call, and the rows it gives the core registries. */
class SettingDescriptorTest {

  @Test
  void nullIsUnsetAndTheAllowedTextsComeLast() {
    SettingDescriptor row = SettingDescriptor.of("a.b", "enum", true, null, "doc",
        Setting.Unit.NONE, Setting.Scope.SESSION, true, false, null, null, "off", "warn");
    assertEquals(new SettingDescriptor("a.b", "enum", true, Optional.empty(), "doc",
        Setting.Unit.NONE, Setting.Scope.SESSION, true, false, Optional.empty(),
        Optional.empty(), List.of("off", "warn")), row);
    assertEquals("optional enum (off|warn)", row.typeDescription());
  }

  @Test
  void coreRowsCarryTheirDefaultsBoundsAndAllowedTexts() {
    SettingDescriptor passes = OptimizerSettingsContract.descriptor(OptimizerSettingsContract.MAX_PASSES)
        .orElseThrow();
    assertEquals(Optional.of("3"), passes.defaultValue());
    assertEquals(Optional.of("1"), passes.min());
    assertEquals(Optional.empty(), passes.max());
    assertEquals(List.of(), passes.allowedValues());
    SettingDescriptor format = ExplainSettingsContract.descriptor(ExplainSettingsContract.FORMAT)
        .orElseThrow();
    assertEquals(List.of("indent", "tree", "pgjson", "graphviz"), format.allowedValues());
  }

  @Test
  void aMissingKeyIsRefused() {
    assertThrows(NullPointerException.class, () -> SettingDescriptor.of(null, "int", false,
        "1", "doc", Setting.Unit.NONE, Setting.Scope.SESSION, false, false, null, null));
  }
}
