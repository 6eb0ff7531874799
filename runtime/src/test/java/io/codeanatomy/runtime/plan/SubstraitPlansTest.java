package io.codeanatomy.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.codeanatomy.runtime.session.Corpus;
import io.codeanatomy.runtime.session.PlanningSession;
import io.codeanatomy.runtime.session.Sessions;
import io.substrait.proto.Plan;
import io.substrait.proto.SimpleExtensionDeclaration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The normal form of Substrait bytes: anchors and URNs numbered canonically, whatever came. */
class SubstraitPlansTest {

  private static Plan q1;

  @BeforeAll
  static void planQ1() throws Exception {
    try (PlanningSession session = Sessions.tpch("default")) {
      q1 = Plan.parseFrom(session.plan("01.sql", Corpus.read(Corpus.tpchQueries().get(0)))
          .substrait());
    }
  }

  @Test
  void anchorsAreDenseAndInNameOrder() {
    List<String> names = new ArrayList<>();
    int expected = 1;
    for (SimpleExtensionDeclaration d : q1.getExtensionsList()) {
      assertEquals(expected++, d.getExtensionFunction().getFunctionAnchor());
      names.add(q1.getExtensionUrns(d.getExtensionFunction().getExtensionUrnReference() - 1)
          .getUrn() + "#" + d.getExtensionFunction().getName());
    }
    assertTrue(names.size() > 3, names.toString());
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(null);
    assertEquals(sorted, names);
    for (int i = 0; i < q1.getExtensionUrnsCount(); i++) {
      assertEquals(i + 1, q1.getExtensionUrns(i).getExtensionUrnAnchor());
    }
  }

  @Test
  void aPlanWithOtherAnchorsNormalizesToTheSameBytes() {
    int count = q1.getExtensionsCount();
    Map<Integer, Integer> reversed = new HashMap<>();
    for (int i = 1; i <= count; i++) {
      reversed.put(i, count + 1 - i + 100);
    }
    Plan.Builder permuted = ((Plan) renumber(q1, reversed)).toBuilder().clearExtensions();
    List<SimpleExtensionDeclaration> declarations = new ArrayList<>(q1.getExtensionsList());
    java.util.Collections.reverse(declarations);
    for (SimpleExtensionDeclaration d : declarations) {
      SimpleExtensionDeclaration.Builder b = d.toBuilder();
      b.getExtensionFunctionBuilder().setFunctionAnchor(
          reversed.get(d.getExtensionFunction().getFunctionAnchor()));
      permuted.addExtensions(b);
    }
    Plan other = permuted.build();
    assertNotEquals(q1, other);
    assertArrayEquals(SubstraitPlans.deterministic(q1),
        SubstraitPlans.deterministic(SubstraitPlans.normalize(other)));
    assertEquals(q1, SubstraitPlans.normalize(q1));
  }

  /** Every function_reference rewritten through {@code anchors}: a differently numbered plan. */
  private static Message renumber(Message message, Map<Integer, Integer> anchors) {
    Message.Builder builder = message.toBuilder();
    for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
      FieldDescriptor field = e.getKey();
      if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        if (field.isRepeated()) {
          builder.clearField(field);
          for (Object item : (List<?>) e.getValue()) {
            builder.addRepeatedField(field, renumber((Message) item, anchors));
          }
        } else {
          builder.setField(field, renumber((Message) e.getValue(), anchors));
        }
      } else if (field.getName().equals("function_reference")) {
        builder.setField(field, anchors.get((Integer) e.getValue()));
      }
    }
    return builder.build();
  }
}
