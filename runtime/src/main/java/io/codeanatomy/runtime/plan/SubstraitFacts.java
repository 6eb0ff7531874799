package io.codeanatomy.runtime.plan;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.codeanatomy.runtime.payload.ReadLimits;
import io.substrait.proto.Plan;
import io.substrait.proto.PlanRel;
import io.substrait.proto.ReadRel;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a bundle's Substrait bytes say that other artifacts can be checked against: the names of
 * the plan's output columns, and the tables it reads with their columns. Read within
 * {@link ReadLimits#MAX_PLAN_DEPTH}, and only in the normal form {@link SubstraitPlans} writes
 * (so the plan package stays the one place that knows Substrait's messages).
 *
 * @param outputColumns the root relation's names, in order
 * @param tables each table a read relation names (the last part of its name, upper case, as
 *     plan fingerprints name tables) with the columns of its schema
 */
public record SubstraitFacts(List<String> outputColumns,
    SortedMap<String, List<String>> tables) {

  /** The message types of a plan that are, or can hold, a read relation. */
  private static final Set<Descriptor> LEAD_TO_READS = leadToReads();

  private static Set<Descriptor> leadToReads() {
    // Which types each type can hold, then every type from which ReadRel is reachable.
    Map<Descriptor, Set<Descriptor>> heldBy = new HashMap<>();
    Deque<Descriptor> pending = new ArrayDeque<>(List.of(Plan.getDescriptor()));
    Set<Descriptor> seen = new HashSet<>(pending);
    while (!pending.isEmpty()) {
      Descriptor type = pending.pop();
      for (FieldDescriptor field : type.getFields()) {
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
          Descriptor held = field.getMessageType();
          heldBy.computeIfAbsent(held, k -> new HashSet<>()).add(type);
          if (seen.add(held)) {
            pending.push(held);
          }
        }
      }
    }
    Set<Descriptor> lead = new HashSet<>(List.of(ReadRel.getDescriptor()));
    pending.push(ReadRel.getDescriptor());
    while (!pending.isEmpty()) {
      for (Descriptor holder : heldBy.getOrDefault(pending.pop(), Set.of())) {
        if (lead.add(holder)) {
          pending.push(holder);
        }
      }
    }
    return Set.copyOf(lead);
  }

  /** Bytes that are not a Substrait plan as the runtime writes one. */
  public static final class NotAPlanException extends Exception {
    private static final long serialVersionUID = 1L;

    NotAPlanException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Reads the facts of a plan's Substrait bytes.
   *
   * @throws NotAPlanException for bytes that are not one Substrait plan in the normal form
   *     {@link SubstraitPlans} writes, within {@link ReadLimits#MAX_PLAN_DEPTH}
   */
  public static SubstraitFacts read(byte[] bytes) throws NotAPlanException {
    Plan plan;
    try {
      CodedInputStream input = ReadLimits.codedInput(bytes, ReadLimits.MAX_PLAN_DEPTH);
      plan = Plan.parseFrom(input);
      if (!input.isAtEnd()) {
        throw new InvalidProtocolBufferException("bytes follow the end of the plan");
      }
    } catch (IOException e) {
      throw new NotAPlanException("not a Substrait plan (truncated, corrupt or nested deeper "
          + "than " + ReadLimits.MAX_PLAN_DEPTH + "): " + e.getMessage(), e);
    }
    if (!Arrays.equals(bytes, SubstraitPlans.deterministic(plan))) {
      throw new NotAPlanException("not in the normal form the runtime writes Substrait in (its "
          + "message writes back as other bytes)", null);
    }
    if (plan.getRelationsCount() != 1 || !plan.getRelations(0).hasRoot()) {
      throw new NotAPlanException("expected one root relation, got " + plan.getRelationsCount()
          + " relations", null);
    }
    PlanRel root = plan.getRelations(0);
    SortedMap<String, List<String>> tables = new TreeMap<>();
    // An explicit stack: the plan is as deep as the depth limit allowed, and no deeper here.
    Deque<Message> pending = new ArrayDeque<>();
    pending.push(root.getRoot().getInput());
    while (!pending.isEmpty()) {
      Message message = pending.pop();
      if (message instanceof ReadRel read && read.hasNamedTable()
          && read.getNamedTable().getNamesCount() > 0) {
        List<String> names = read.getNamedTable().getNamesList();
        tables.put(names.get(names.size() - 1).toUpperCase(Locale.ROOT),
            List.copyOf(read.getBaseSchema().getNamesList()));
      }
      if (!LEAD_TO_READS.contains(message.getDescriptorForType())) {
        continue; // a type, a literal, a reference: no read relation below (and reflection is slow)
      }
      for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
        if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE
            || !LEAD_TO_READS.contains(field.getKey().getMessageType())) {
          continue;
        }
        if (field.getValue() instanceof List<?> list) {
          list.forEach(item -> pending.push((Message) item));
        } else {
          pending.push((Message) field.getValue());
        }
      }
    }
    return new SubstraitFacts(List.copyOf(root.getRoot().getNamesList()), tables);
  }

}
