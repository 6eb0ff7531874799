package io.codeanatomy.spark;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.substrait.proto.Plan;
import io.substrait.proto.ReadRel;
import io.substrait.proto.Rel;
import io.substrait.proto.SimpleExtensionDeclaration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the Spark engine runs faithfully, checked on the sealed Substrait plan before anything
 * executes: the relations (at any depth, sub-queries included), the kind of every read, and every
 * function the plan declares. Anything else is refused with its name: a plan is run exactly or not
 * at all. The lists are deliberately closed: a function joins them only when Calcite's Spark SQL
 * rendering of it means on Spark what it means in the plan.
 */
public final class SparkSupport {

  /** The relations the Calcite route renders as Spark SQL. */
  private static final Set<Rel.RelTypeCase> RELATIONS = EnumSet.of(Rel.RelTypeCase.READ,
      Rel.RelTypeCase.FILTER, Rel.RelTypeCase.FETCH, Rel.RelTypeCase.AGGREGATE,
      Rel.RelTypeCase.SORT, Rel.RelTypeCase.JOIN, Rel.RelTypeCase.PROJECT, Rel.RelTypeCase.SET,
      Rel.RelTypeCase.CROSS);

  /** Reads of named tables (registered with the engine) and of literal rows. */
  private static final Set<ReadRel.ReadTypeCase> READS = EnumSet.of(
      ReadRel.ReadTypeCase.NAMED_TABLE, ReadRel.ReadTypeCase.VIRTUAL_TABLE);

  /**
   * Substrait's standard functions, by name, whose Spark SQL form has the plan's semantics.
   * Integer {@code divide} is rendered as Spark's {@code DIV} ({@link SparkSqlRendering}); the
   * others are Spark's operators and functions of the same name and meaning.
   */
  static final Set<String> FUNCTIONS = Set.of(
      // comparison and boolean logic
      "equal", "not_equal", "lt", "gt", "lte", "gte", "between", "is_null", "is_not_null",
      "is_not_distinct_from", "and", "or", "not",
      // arithmetic (decimal, integer, floating point; date and interval arithmetic)
      "add", "subtract", "multiply", "divide", "negate", "abs",
      // text
      "like", "substring", "concat", "upper", "lower", "char_length",
      // dates
      "extract",
      // aggregates
      "count", "sum", "avg", "min", "max");

  private SparkSupport() {}

  /**
   * What a supported plan reads.
   *
   * @param tables the tables it scans, by upper-case name
   * @param plan the parsed plan
   */
  public record Checked(SortedSet<String> tables, Plan plan) {}

  /**
   * Checks sealed Substrait bytes.
   *
   * @throws UnsupportedPlanException naming the first relation, read or function the engine does
   *     not run (every one is listed when there are several)
   */
  public static Checked check(String plan, byte[] substrait) {
    return check(plan, substrait, Set.of());
  }

  /**
   * As {@link #check(String, byte[])}, where the plan may also call the user-defined functions
   * registered with the engine under {@code functions} (their stable names).
   */
  public static Checked check(String plan, byte[] substrait, Set<String> functions) {
    Plan proto;
    try {
      proto = Plan.parseFrom(substrait);
    } catch (InvalidProtocolBufferException e) {
      throw new UnsupportedPlanException(plan + ": the bytes are not a Substrait plan: "
          + e.getMessage(), e);
    }
    SortedSet<String> refused = new TreeSet<>();
    SortedSet<String> tables = new TreeSet<>();
    walk(proto, refused, tables);
    for (SimpleExtensionDeclaration declaration : proto.getExtensionsList()) {
      if (declaration.hasExtensionFunction()) {
        String signature = declaration.getExtensionFunction().getName();
        String name = signature.contains(":")
            ? signature.substring(0, signature.indexOf(':')) : signature;
        if (!FUNCTIONS.contains(name.toLowerCase(Locale.ROOT)) && !functions.contains(name)) {
          refused.add("function " + signature);
        }
      } else if (declaration.hasExtensionType()) {
        refused.add("extension type " + declaration.getExtensionType().getName());
      }
    }
    if (!refused.isEmpty()) {
      throw new UnsupportedPlanException(plan + ": the Spark engine does not run "
          + String.join(", ", refused) + " (docs/spark.md lists what it runs)");
    }
    return new Checked(tables, proto);
  }

  /**
   * The plan with every scan of a table after its first renamed to an alias of its own
   * ({@code LINEITEM}, {@code LINEITEM__SCAN2}, ...), and the aliases by base table. Calcite's SQL
   * rendering names a table's columns by the table's name; when a correlated sub-query scans the
   * table its outer query scans, both would be called {@code LINEITEM} and the sub-query's
   * reference to the outer row would resolve to its own (TPC-H Q21 then returns nothing). With
   * one name per scan, each reference is unambiguous; the engine registers each alias as a view
   * of its table.
   */
  static Plan distinctScans(Plan plan, Map<String, String> aliases) {
    return (Plan) rename(plan, new java.util.HashMap<>(), aliases);
  }

  private static Message rename(Message message, Map<String, Integer> seen,
      Map<String, String> aliases) {
    if (message instanceof ReadRel read && read.hasNamedTable()) {
      List<String> names = read.getNamedTable().getNamesList();
      String table = names.get(names.size() - 1);
      int occurrence = seen.merge(table.toUpperCase(Locale.ROOT), 1, Integer::sum);
      if (occurrence == 1) {
        return message;
      }
      String alias = table + "__SCAN" + occurrence;
      aliases.put(alias.toUpperCase(Locale.ROOT), table.toUpperCase(Locale.ROOT));
      ReadRel.Builder renamed = read.toBuilder();
      renamed.getNamedTableBuilder().setNames(names.size() - 1, alias);
      return renamed.build();
    }
    Message.Builder builder = null;
    for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      FieldDescriptor descriptor = field.getKey();
      if (descriptor.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      if (descriptor.isRepeated()) {
        List<?> items = (List<?>) field.getValue();
        List<Object> mapped = new ArrayList<>(items.size());
        boolean changed = false;
        for (Object item : items) {
          Message next = rename((Message) item, seen, aliases);
          changed |= next != item;
          mapped.add(next);
        }
        if (changed) {
          builder = builder == null ? message.toBuilder() : builder;
          builder.setField(descriptor, mapped);
        }
      } else {
        Message next = rename((Message) field.getValue(), seen, aliases);
        if (next != field.getValue()) {
          builder = builder == null ? message.toBuilder() : builder;
          builder.setField(descriptor, next);
        }
      }
    }
    return builder == null ? message : builder.build();
  }

  /** Every relation in the message, at any depth (relations inside expressions too). */
  private static void walk(Message message, SortedSet<String> refused, SortedSet<String> tables) {
    if (message instanceof Rel rel) {
      Rel.RelTypeCase kind = rel.getRelTypeCase();
      if (!RELATIONS.contains(kind)) {
        refused.add("relation " + relationName(kind));
      } else if (kind == Rel.RelTypeCase.READ) {
        ReadRel read = rel.getRead();
        if (!READS.contains(read.getReadTypeCase())) {
          refused.add("relation read of " + read.getReadTypeCase().name()
              .toLowerCase(Locale.ROOT));
        } else if (read.hasNamedTable()) {
          List<String> names = read.getNamedTable().getNamesList();
          tables.add(names.get(names.size() - 1).toUpperCase(Locale.ROOT));
        }
      }
    }
    for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      List<Object> values = field.getKey().isRepeated() ? new ArrayList<>((List<?>) field
          .getValue()) : List.of(field.getValue());
      for (Object value : values) {
        walk((Message) value, refused, tables);
      }
    }
  }

  /** The relation's name as the Substrait spec writes it: {@code ExtensionLeafRel}. */
  static String relationName(Rel.RelTypeCase kind) {
    StringBuilder name = new StringBuilder();
    for (String part : kind.name().toLowerCase(Locale.ROOT).split("_")) {
      name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return name.append("Rel").toString();
  }
}
