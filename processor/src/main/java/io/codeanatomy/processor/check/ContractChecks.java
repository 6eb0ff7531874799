package io.codeanatomy.processor.check;

import io.codeanatomy.processor.diagnostics.Problems;
import io.codeanatomy.processor.model.ContractModel;
import io.codeanatomy.processor.model.ContractSet;
import io.codeanatomy.processor.model.EnumModel;
import io.codeanatomy.processor.model.PolicyModel;
import io.codeanatomy.processor.model.SettingsSchemaModel;
import java.util.Set;

/** Runs every check over a contract set. */
public final class ContractChecks {

  private ContractChecks() {}

  public static void check(ContractSet set, Problems problems) {
    for (SettingsSchemaModel schema : set.localSchemas()) {
      SchemaChecks.check(schema, problems);
    }
    for (PolicyModel policy : set.policies()) {
      PolicyChecks.check(set, policy, problems);
    }
    for (ContractModel contract : set.localContracts()) {
      ContractRecordChecks.check(set, contract, problems);
    }
    for (EnumModel model : set.enums()) {
      if (model.local()) {
        EnumChecks.check(model, problems);
      }
    }
    NameChecks.check(set, problems);
  }

  /**
   * The names a declared type may not have because the generated Rust module already uses them
   * (imports, the prelude, primitive types): such a type is refused with {@code CA022}.
   */
  public static Set<String> rustModuleNames() {
    return NameChecks.RUST_MODULE_NAMES;
  }
}
