package io.codeanatomy.runtime.plan;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.substrait.isthmus.SubstraitRelVisitor;
import io.substrait.isthmus.SubstraitToCalcite;
import io.substrait.plan.Plan;
import io.substrait.plan.PlanProtoConverter;
import io.substrait.plan.ProtoPlanConverter;
import io.substrait.proto.SimpleExtensionDeclaration;
import io.substrait.proto.SimpleExtensionURN;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.RelRoot;

/**
 * Substrait bytes of a plan, through isthmus's public API, in one normal form: extension URNs
 * sorted and numbered from 1, function, type and variation anchors numbered from 1 in the order
 * of their (URN, name), every reference rewritten to match, and protobuf's deterministic
 * serialization. Two conversions of the same plan give the same bytes whatever order isthmus met
 * the functions in. The only place in the project that produces Substrait bytes.
 */
final class SubstraitPlans {

  private SubstraitPlans() {}

  /**
   * The plan's Substrait bytes, with the standard functions only.
   *
   * @throws SubstraitConversionException when isthmus cannot convert the plan
   */
  static byte[] toBytes(RelRoot root) {
    return toBytes(root, SubstraitMapping.STANDARD);
  }

  /**
   * The plan's Substrait bytes under {@code mapping}: its user-defined functions are declared in
   * their own extension.
   *
   * @throws SubstraitConversionException when isthmus cannot convert the plan
   */
  static byte[] toBytes(RelRoot root, SubstraitMapping mapping) {
    io.substrait.proto.Plan proto;
    try {
      Plan.Root converted = SubstraitRelVisitor.convert(root, mapping.converters());
      Plan plan = Plan.builder().addRoots(converted).build();
      proto = new PlanProtoConverter(mapping.collection()).toProto(plan);
    } catch (RuntimeException e) {
      throw new SubstraitConversionException("isthmus cannot convert the plan to Substrait: "
          + e.getMessage(), e);
    }
    return deterministic(normalize(proto));
  }

  /**
   * The Calcite plan that Substrait bytes describe, through isthmus under {@code mapping}: the
   * way back, which a plan with user-defined functions or GROUPING must survive.
   *
   * @throws SubstraitConversionException when the bytes are not a plan or isthmus cannot convert
   *     them
   */
  static RelRoot toCalcite(byte[] bytes, SubstraitMapping mapping) {
    try {
      io.substrait.proto.Plan proto = io.substrait.proto.Plan.parseFrom(bytes);
      Plan plan = new ProtoPlanConverter(mapping.collection()).from(proto);
      return new SubstraitToCalcite(mapping.converters()).convert(plan.getRoots().get(0));
    } catch (com.google.protobuf.InvalidProtocolBufferException | RuntimeException e) {
      throw new SubstraitConversionException("isthmus cannot convert the Substrait plan back: "
          + e.getMessage(), e);
    }
  }

  /** The plan with URNs and anchors renumbered in a canonical order. */
  static io.substrait.proto.Plan normalize(io.substrait.proto.Plan plan) {
    Map<Integer, String> urnByAnchor = new HashMap<>();
    for (SimpleExtensionURN urn : plan.getExtensionUrnsList()) {
      urnByAnchor.put(urn.getExtensionUrnAnchor(), urn.getUrn());
    }
    List<SimpleExtensionURN> urns = new ArrayList<>(plan.getExtensionUrnsList());
    urns.sort(Comparator.comparing(SimpleExtensionURN::getUrn));
    Map<Integer, Integer> urnAnchors = new HashMap<>();
    List<SimpleExtensionURN> renumberedUrns = new ArrayList<>();
    for (int i = 0; i < urns.size(); i++) {
      urnAnchors.put(urns.get(i).getExtensionUrnAnchor(), i + 1);
      renumberedUrns.add(urns.get(i).toBuilder().setExtensionUrnAnchor(i + 1).build());
    }
    // Declarations sorted by kind, URN and name; each kind numbered on its own, from 1.
    List<SimpleExtensionDeclaration> declarations = new ArrayList<>(plan.getExtensionsList());
    declarations.sort(Comparator
        .comparing((SimpleExtensionDeclaration d) -> d.getMappingTypeCase().getNumber())
        .thenComparing(d -> urnByAnchor.getOrDefault(urnReference(d), ""))
        .thenComparing(SubstraitPlans::declaredName));
    Map<Integer, Integer> functions = new HashMap<>();
    Map<Integer, Integer> types = new HashMap<>();
    Map<Integer, Integer> variations = new HashMap<>();
    List<SimpleExtensionDeclaration> renumbered = new ArrayList<>();
    for (SimpleExtensionDeclaration d : declarations) {
      SimpleExtensionDeclaration.Builder b = d.toBuilder();
      switch (d.getMappingTypeCase()) {
        case EXTENSION_FUNCTION -> {
          int next = functions.size() + 1;
          functions.put(d.getExtensionFunction().getFunctionAnchor(), next);
          b.getExtensionFunctionBuilder().setFunctionAnchor(next)
              .setExtensionUrnReference(urnAnchors.getOrDefault(
                  d.getExtensionFunction().getExtensionUrnReference(), 0));
        }
        case EXTENSION_TYPE -> {
          int next = types.size() + 1;
          types.put(d.getExtensionType().getTypeAnchor(), next);
          b.getExtensionTypeBuilder().setTypeAnchor(next)
              .setExtensionUrnReference(urnAnchors.getOrDefault(
                  d.getExtensionType().getExtensionUrnReference(), 0));
        }
        case EXTENSION_TYPE_VARIATION -> {
          int next = variations.size() + 1;
          variations.put(d.getExtensionTypeVariation().getTypeVariationAnchor(), next);
          b.getExtensionTypeVariationBuilder().setTypeVariationAnchor(next)
              .setExtensionUrnReference(urnAnchors.getOrDefault(
                  d.getExtensionTypeVariation().getExtensionUrnReference(), 0));
        }
        default -> { }
      }
      renumbered.add(b.build());
    }
    Map<String, Map<Integer, Integer>> references = Map.of(
        "function_reference", functions,
        "type_reference", types,
        "type_variation_reference", variations);
    io.substrait.proto.Plan.Builder body = ((io.substrait.proto.Plan) remap(plan, references))
        .toBuilder();
    body.clearExtensionUrns().addAllExtensionUrns(renumberedUrns);
    body.clearExtensions().addAllExtensions(renumbered);
    return body.build();
  }

  private static int urnReference(SimpleExtensionDeclaration d) {
    return switch (d.getMappingTypeCase()) {
      case EXTENSION_FUNCTION -> d.getExtensionFunction().getExtensionUrnReference();
      case EXTENSION_TYPE -> d.getExtensionType().getExtensionUrnReference();
      case EXTENSION_TYPE_VARIATION -> d.getExtensionTypeVariation().getExtensionUrnReference();
      default -> 0;
    };
  }

  private static String declaredName(SimpleExtensionDeclaration d) {
    return switch (d.getMappingTypeCase()) {
      case EXTENSION_FUNCTION -> d.getExtensionFunction().getName();
      case EXTENSION_TYPE -> d.getExtensionType().getName();
      case EXTENSION_TYPE_VARIATION -> d.getExtensionTypeVariation().getName();
      default -> "";
    };
  }

  /**
   * A copy of {@code message} with every integer field named as a key of {@code references}
   * rewritten through its map, at any depth. Substrait spells every anchor reference this way,
   * so walking the descriptors reaches all of them, including in relations added to the spec
   * later.
   */
  private static Message remap(Message message, Map<String, Map<Integer, Integer>> references) {
    Message.Builder builder = null;
    for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
      FieldDescriptor field = entry.getKey();
      Object value = entry.getValue();
      Object next = value;
      if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        if (field.isRepeated()) {
          List<Object> items = new ArrayList<>();
          boolean changed = false;
          for (Object item : (List<?>) value) {
            Object mapped = remap((Message) item, references);
            changed |= mapped != item;
            items.add(mapped);
          }
          next = changed ? items : value;
        } else {
          next = remap((Message) value, references);
        }
      } else if (field.getJavaType() == FieldDescriptor.JavaType.INT && !field.isRepeated()
          && references.containsKey(field.getName())) {
        Integer mapped = references.get(field.getName()).get((Integer) value);
        next = mapped == null ? value : mapped;
      }
      if (next != value && !next.equals(value)) {
        if (builder == null) {
          builder = message.toBuilder();
        }
        builder.setField(field, next);
      }
    }
    return builder == null ? message : builder.build();
  }

  /** Protobuf's deterministic serialization: map entries in key order. */
  static byte[] deterministic(Message message) {
    byte[] out = new byte[message.getSerializedSize()];
    CodedOutputStream stream = CodedOutputStream.newInstance(out);
    stream.useDeterministicSerialization();
    try {
      message.writeTo(stream);
    } catch (IOException e) {
      throw new IllegalStateException("writing to an array cannot fail", e);
    }
    stream.checkNoSpaceLeft();
    return out;
  }
}
