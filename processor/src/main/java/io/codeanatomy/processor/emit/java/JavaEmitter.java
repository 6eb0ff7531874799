package io.codeanatomy.processor.emit.java;

import com.palantir.javapoet.JavaFile;
import io.codeanatomy.processor.model.ContractModel;
import io.codeanatomy.processor.model.ContractSet;
import io.codeanatomy.processor.model.EnumModel;
import io.codeanatomy.processor.model.PolicyModel;
import io.codeanatomy.processor.model.ProfileResolution;
import io.codeanatomy.processor.model.SettingModel;
import io.codeanatomy.processor.model.SettingsSchemaModel;
import java.util.ArrayList;
import java.util.List;

/** The Java sources of a checked contract set. */
public final class JavaEmitter {

  private JavaEmitter() {}

  /** Every Java source for the schemas, policies and contracts declared in this compilation. */
  public static List<JavaFile> emit(ContractSet set) {
    List<JavaFile> files = new ArrayList<>();
    for (SettingsSchemaModel schema : set.localSchemas()) {
      files.add(SchemaKeysEmitter.emit(schema));
      files.add(SchemaBuilderEmitter.emit(schema));
      if (schema.mixin()) {
        files.add(MixinEmitter.schema(schema));
      }
    }
    for (PolicyModel policy : set.policies()) {
      boolean hasGates = set.schemasOf(policy).stream()
          .flatMap(s -> s.settings().stream())
          .anyMatch(SettingModel::featureGate);
      files.add(PolicyBuilderEmitter.emit(set, policy));
      files.add(PolicySettingsEmitter.emit(set, policy));
      files.add(PolicyProfilesEmitter.emit(set, policy, ProfileResolution.resolve(set, policy)));
      if (policy.mixin()) {
        files.add(MixinEmitter.policy(policy, hasGates));
      }
    }
    for (ContractModel contract : set.localContracts()) {
      files.add(ContractCodecEmitter.emit(set, contract));
      // A proto message has protoc's builder, and cannot implement a mixin.
      if (contract.spelling() == ContractModel.Spelling.RECORD) {
        files.add(ContractBuilderEmitter.emit(contract));
        if (contract.mixin()) {
          files.add(MixinEmitter.contract(contract));
        }
      }
    }
    for (EnumModel model : set.enums()) {
      if (model.local() && !model.attributes().isEmpty()) {
        files.add(EnumAttributesEmitter.emit(model));
      }
    }
    return files;
  }
}
