package io.codeanatomy.processor.resolve;

import io.codeanatomy.processor.model.ContractField;
import io.codeanatomy.processor.model.ContractModel;
import io.codeanatomy.processor.model.FieldType;
import io.codeanatomy.processor.model.JavaForm;
import io.codeanatomy.processor.model.Origin;
import io.codeanatomy.processor.model.PolicyComponent;
import io.codeanatomy.processor.model.PolicyModel;
import io.codeanatomy.processor.model.ProfileModel;
import io.codeanatomy.processor.model.Scope;
import io.codeanatomy.processor.model.SettingModel;
import io.codeanatomy.processor.model.SettingsSchemaModel;
import io.codeanatomy.processor.model.TypeRef;
import io.codeanatomy.processor.model.Unit;
import io.codeanatomy.processor.model.ValueKind;
import io.codeanatomy.processor.model.ValueType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Models built by hand, as the readers would build them: the resolver is tested without javac. */
final class Models {

  private Models() {}

  static SettingModel setting(String component, String key, ValueType type, String defaultText) {
    return new SettingModel(component, key, type, Optional.ofNullable(defaultText),
        "The " + component + ".", Optional.empty(), Optional.empty(), Unit.NONE, Scope.SESSION,
        false, false, Origin.of(key));
  }

  static ValueType type(ValueKind kind) {
    return ValueType.of(kind, kind == ValueKind.STRING || kind == ValueKind.DURATION
        || kind == ValueKind.STRING_LIST ? JavaForm.REFERENCE : JavaForm.PRIMITIVE);
  }

  static SettingsSchemaModel schema(String name, String namespace, SettingModel... settings) {
    return new SettingsSchemaModel(TypeRef.of("p", name), namespace, 1, List.of(settings), true,
        true, false, Origin.of(name));
  }

  static PolicyModel policy(String name, List<SettingsSchemaModel> schemas,
      ProfileModel... profiles) {
    List<PolicyComponent> components = schemas.stream()
        .map(s -> new PolicyComponent(s.type().simpleNames().get(0).toLowerCase(
            java.util.Locale.ROOT), s.type(), Origin.of(s.type().toString())))
        .toList();
    return new PolicyModel(TypeRef.of("p", "Policy"), name, 1, components, List.of(profiles),
        false, Origin.of(name));
  }

  static ProfileModel profile(String name, String parent, List<String> sets, String... unsets) {
    return new ProfileModel(name, Optional.ofNullable(parent),
        sets.stream().map(t -> new ProfileModel.Entry(t, Origin.of(t))).toList(),
        Arrays.stream(unsets).map(t -> new ProfileModel.Entry(t, Origin.of(t))).toList(),
        "", Origin.of(name));
  }

  static ContractField field(String name, FieldType type) {
    return new ContractField(name, name, type, false, false, "", ContractField.Absent.UNSPECIFIED,
        ContractField.HashRule.NONE, 0, Origin.of(name));
  }

  static FieldType.Scalar string() {
    return new FieldType.Scalar(FieldType.ScalarKind.STRING, JavaForm.REFERENCE);
  }

  static ContractModel contract(String type, String name, ContractModel.Layout layout,
      ContractField... fields) {
    return new ContractModel(TypeRef.of("p", type), name, 1, layout, false, List.of(fields),
        true, false, ContractModel.Spelling.RECORD, Origin.of(name));
  }
}
