package io.codeanatomy.runtime.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.codeanatomy.contracts.relspec.FunctionKind;
import io.substrait.extension.SimpleExtension;
import io.substrait.isthmus.ConverterProvider;
import io.substrait.isthmus.SubstraitTypeSystem;
import io.substrait.isthmus.TypeConverter;
import io.substrait.isthmus.expression.AggregateFunctionConverter;
import io.substrait.isthmus.expression.FunctionMappings;
import io.substrait.isthmus.expression.ScalarFunctionConverter;
import io.substrait.isthmus.expression.WindowFunctionConverter;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * How a session's plans convert to Substrait and back: Substrait's standard extensions, the
 * runtime's own ({@code GROUPING}, {@code functions_grouping.yaml}), and one extension per
 * session for its user-defined functions ({@link #UDF_URN}), each declared with its signature
 * and mapped to its Calcite operator through isthmus's additional signatures (its documented way
 * to map functions it does not know).
 *
 * @param collection every extension a plan may declare
 * @param converters isthmus's converters over it
 */
record SubstraitMapping(SimpleExtension.ExtensionCollection collection,
    ConverterProvider converters) {

  /** The extension URN of a session's user-defined functions. */
  static final String UDF_URN = "extension:io.codeanatomy:udf";

  /** The extension URN of the runtime's GROUPING declaration. */
  static final String GROUPING_URN = "extension:io.codeanatomy:grouping";

  /** Where Substrait types come from: isthmus's own type system, as its default converters. */
  private static final RelDataTypeFactory TYPES = SubstraitTypeSystem.TYPE_FACTORY;

  /** The mapping of sessions without user-defined functions (declared after TYPES). */
  static final SubstraitMapping STANDARD = of(UserFunctions.NONE);

  /** The mapping of the standard functions, GROUPING and {@code functions}. */
  static SubstraitMapping of(UserFunctions functions) {
    SimpleExtension.ExtensionCollection collection = SubstraitExtensions.STANDARD
        .merge(SubstraitExtensions.GROUPING);
    List<FunctionMappings.Sig> scalars = new ArrayList<>();
    List<FunctionMappings.Sig> aggregates = new ArrayList<>();
    aggregates.add(FunctionMappings.s(SqlStdOperatorTable.GROUPING, "grouping"));
    if (!functions.isEmpty()) {
      collection = collection.merge(SimpleExtension.load(yaml(functions)));
      for (UserFunction function : functions.byName().values()) {
        (function.kind() == FunctionKind.AGGREGATE ? aggregates : scalars)
            .add(FunctionMappings.s(function.operator(), function.name()));
      }
    }
    ConverterProvider converters = new ConverterProvider(TYPES, collection,
        new ScalarFunctionConverter(collection.scalarFunctions(), scalars, TYPES,
            TypeConverter.DEFAULT),
        new AggregateFunctionConverter(collection.aggregateFunctions(), aggregates, TYPES,
            TypeConverter.DEFAULT),
        new WindowFunctionConverter(collection.windowFunctions(), TYPES),
        TypeConverter.DEFAULT);
    return new SubstraitMapping(collection, converters);
  }

  /** The URNs of every extension a plan may declare, sorted. */
  java.util.SortedSet<String> urns() {
    java.util.SortedSet<String> urns = new java.util.TreeSet<>();
    collection.scalarFunctions().forEach(f -> urns.add(f.urn()));
    collection.aggregateFunctions().forEach(f -> urns.add(f.urn()));
    collection.windowFunctions().forEach(f -> urns.add(f.urn()));
    return urns;
  }

  /**
   * The Substrait extension that declares {@code functions}: for each, one implementation per
   * way its text parameters may arrive (a bounded {@code varchar<L>} column or an unbounded
   * {@code string}), so that a call converts whatever the width of its text arguments.
   */
  static String yaml(UserFunctions functions) {
    YAMLMapper yaml = new YAMLMapper();
    ObjectNode root = yaml.createObjectNode();
    root.put("urn", UDF_URN);
    ArrayNode scalars = yaml.createArrayNode();
    ArrayNode aggregates = yaml.createArrayNode();
    for (UserFunction function : functions.byName().values()) {
      ObjectNode declaration = yaml.createObjectNode();
      declaration.put("name", function.name());
      declaration.put("description", function.doc());
      ArrayNode impls = declaration.putArray("impls");
      List<List<String>> variants = List.of(List.of());
      for (SqlTypeName parameter : function.parameters()) {
        List<List<String>> longer = new ArrayList<>();
        for (List<String> variant : variants) {
          for (String type : substraitTypes(parameter, variant.size() + 1)) {
            List<String> next = new ArrayList<>(variant);
            next.add(type);
            longer.add(next);
          }
        }
        variants = longer;
      }
      for (List<String> variant : variants) {
        ObjectNode impl = impls.addObject();
        ArrayNode args = impl.putArray("args");
        for (int i = 0; i < variant.size(); i++) {
          args.addObject().put("name", "arg" + (i + 1)).put("value", variant.get(i));
        }
        String returns = substraitTypes(function.returns(), 0).get(0);
        if (function.kind() == FunctionKind.AGGREGATE) {
          // An aggregate over no rows is null, whatever its inputs.
          impl.put("nullability", "DECLARED_OUTPUT");
          impl.put("decomposable", "NONE");
          returns += "?";
        }
        impl.put("return", returns);
      }
      (function.kind() == FunctionKind.AGGREGATE ? aggregates : scalars).add(declaration);
    }
    if (!scalars.isEmpty()) {
      root.set("scalar_functions", scalars);
    }
    if (!aggregates.isEmpty()) {
      root.set("aggregate_functions", aggregates);
    }
    try {
      return yaml.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a YAML tree always renders", e);
    }
  }

  /** The Substrait types a parameter of this SQL type may arrive as (text: bounded or not). */
  private static List<String> substraitTypes(SqlTypeName type, int position) {
    return switch (type) {
      case BIGINT -> List.of("i64");
      case INTEGER -> List.of("i32");
      case DOUBLE -> List.of("fp64");
      case BOOLEAN -> List.of("boolean");
      case VARCHAR -> position == 0 ? List.of("string")
          : List.of("varchar<L" + position + ">", "string");
      default -> throw new IllegalArgumentException("no Substrait type for " + type);
    };
  }
}
