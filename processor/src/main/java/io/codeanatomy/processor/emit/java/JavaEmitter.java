package io.codeanatomy.processor.emit.java;

import io.codeanatomy.processor.model.EnumModel;
import io.codeanatomy.processor.resolve.ResolvedContract;
import io.codeanatomy.processor.resolve.ResolvedPolicy;
import io.codeanatomy.processor.resolve.ResolvedSchema;
import io.codeanatomy.processor.resolve.ResolvedSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java sources of a resolved contract set: one {@code <Record>Contract} per schema, policy
 * and contract declared in this compilation, and one {@code <Enum>Attributes} per local enum
 * with attributes.
 */
public final class JavaEmitter {

  private JavaEmitter() {}

  public static List<JavaSource> emit(ResolvedSet set) {
    List<JavaSource> files = new ArrayList<>();
    for (ResolvedSchema schema : set.localSchemas()) {
      files.add(SchemaEmitter.emit(schema));
    }
    for (ResolvedPolicy policy : set.policies()) {
      files.add(PolicyEmitter.emit(policy));
    }
    for (ResolvedContract contract : set.localContracts()) {
      files.add(JavaSource.of(ContractEmitter.emit(contract)));
    }
    for (EnumModel model : set.localEnums()) {
      if (!model.attributes().isEmpty()) {
        files.add(JavaSource.of(EnumAttributesEmitter.emit(model)));
      }
    }
    return files;
  }

  /** The catalog of the contracts a compilation declared. */
  public static JavaSource catalog(String contractSet, List<ResolvedContract> contracts) {
    return JavaSource.of(CatalogEmitter.emit(contractSet, contracts));
  }
}
