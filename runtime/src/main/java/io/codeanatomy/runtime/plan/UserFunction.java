package io.codeanatomy.runtime.plan;

import io.codeanatomy.contracts.relspec.FunctionInfo;
import io.codeanatomy.contracts.relspec.FunctionKind;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.AggregateFunction;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.schema.impl.AggregateFunctionImpl;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlOperandMetadata;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.util.Optionality;

/**
 * A user-defined function under its stable name: what a planning surface's function registry
 * names ({@code PlanningSurfaceSpec.functions}, never a class name), and the Java code the
 * embedded engine runs for it. Scalar functions are a public static method; aggregate functions
 * a class with {@code init}, {@code add} and {@code result} methods, as Calcite's
 * {@link AggregateFunctionImpl} reads them. The SQL types of its parameters and result follow
 * from the Java types ({@code long} BIGINT, {@code int} INTEGER, {@code double} DOUBLE,
 * {@code boolean} BOOLEAN, {@code String} VARCHAR), and with its name and kind they are its
 * signature: what the function registry snapshot records and Substrait declares.
 *
 * <p>Immutable, and safe to share between sessions and threads.
 */
public final class UserFunction {

  /** The Java types a function may take and return, and the SQL types they stand for. */
  private static final List<Class<?>> SUPPORTED = List.of(long.class, Long.class, int.class,
      Integer.class, double.class, Double.class, boolean.class, Boolean.class, String.class);

  private static final JavaTypeFactoryImpl JAVA_TYPES = new JavaTypeFactoryImpl();

  private final String name;
  private final FunctionKind kind;
  private final String doc;
  private final List<SqlTypeName> parameters;
  private final SqlTypeName returns;
  private final SqlFunction operator;
  /** The static method of a scalar function; null for an aggregate. */
  private final Method method;

  private UserFunction(String name, FunctionKind kind, String doc,
      org.apache.calcite.schema.Function implementation, RelDataType returnType, Method method) {
    this.name = name;
    this.method = method;
    this.kind = kind;
    this.doc = doc;
    List<SqlTypeName> types = new ArrayList<>();
    for (FunctionParameter parameter : implementation.getParameters()) {
      types.add(sqlType(name, "parameter " + parameter.getName(),
          parameter.getType(JAVA_TYPES)));
    }
    this.parameters = List.copyOf(types);
    this.returns = sqlType(name, "result", returnType);
    this.operator = operator(implementation);
  }

  /**
   * A scalar function implemented by a public static method.
   *
   * @param name the stable name, lower-case snake case ({@code span_contains})
   * @param doc what it computes
   * @throws IllegalArgumentException for a bad name, a method that is not public and static, or
   *     a parameter or result type the engine's tables do not hold
   */
  public static UserFunction scalar(String name, String doc, Method method) {
    checkName(name);
    Objects.requireNonNull(method, "method");
    if (!Modifier.isStatic(method.getModifiers()) || !Modifier.isPublic(method.getModifiers())
        || !Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
      throw new IllegalArgumentException("function " + name + ": " + method.getName()
          + " must be a public static method of a public class");
    }
    ScalarFunction implementation = ScalarFunctionImpl.create(method);
    return new UserFunction(name, FunctionKind.SCALAR, doc, implementation,
        implementation.getReturnType(JAVA_TYPES), method);
  }

  /**
   * An aggregate function implemented by {@code accumulator}'s {@code init}, {@code add} and
   * {@code result} methods (static, or of a public class with a public no-argument constructor).
   *
   * @throws IllegalArgumentException for a bad name, a class without those methods, or a type
   *     the engine's tables do not hold
   */
  public static UserFunction aggregate(String name, String doc, Class<?> accumulator) {
    checkName(name);
    AggregateFunctionImpl implementation = AggregateFunctionImpl.create(accumulator);
    if (implementation == null) {
      throw new IllegalArgumentException("function " + name + ": " + accumulator.getSimpleName()
          + " has no init, add and result methods of an aggregate function");
    }
    return new UserFunction(name, FunctionKind.AGGREGATE, doc, implementation,
        implementation.getReturnType(JAVA_TYPES), null);
  }

  private static void checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("a function's stable name is lower-case snake case, "
          + "got '" + name + "'");
    }
  }

  private static SqlTypeName sqlType(String function, String what, RelDataType type) {
    RelDataType sql = JAVA_TYPES.toSql(type);
    SqlTypeName name = sql.getSqlTypeName();
    boolean supported = switch (name) {
      case BIGINT, INTEGER, DOUBLE, BOOLEAN, VARCHAR, CHAR -> true;
      default -> false;
    };
    if (!supported) {
      throw new IllegalArgumentException("function " + function + ", " + what + ": type "
          + type.getFullTypeString() + " is not one a function may take or return (Java "
          + String.join(", ", SUPPORTED.stream().map(Class::getSimpleName).toList()) + ")");
    }
    return name == SqlTypeName.CHAR ? SqlTypeName.VARCHAR : name;
  }

  /** The Calcite operator that calls it: resolved by the session's operator table. */
  private SqlFunction operator(org.apache.calcite.schema.Function implementation) {
    // As Calcite's catalog reader makes operators of a schema's functions, but made once, here:
    // the same operator object travels through validation, the plan and the Substrait mapping.
    SqlIdentifier id = new SqlIdentifier(name, SqlParserPos.ZERO);
    List<SqlTypeFamily> families = parameters.stream()
        .map(t -> t.getFamily() == null ? SqlTypeFamily.ANY : t.getFamily()).toList();
    SqlOperandMetadata operands = OperandTypes.operandMetadata(families,
        typeFactory -> parameters.stream().map(t -> sqlTypeIn(typeFactory, t)).toList(),
        i -> implementation.getParameters().get(i).getName(), i -> false);
    if (implementation instanceof ScalarFunctionImpl scalar) {
      SqlReturnTypeInference returnType = binding -> binding.getTypeFactory()
          .createTypeWithNullability(sqlTypeIn(binding.getTypeFactory(), returns),
              scalar.getReturnType(binding.getTypeFactory(), binding).isNullable());
      return new SqlUserDefinedFunction(id, SqlKind.OTHER_FUNCTION, returnType,
          InferTypes.explicit(parameters.stream().map(t -> sqlTypeIn(JAVA_TYPES, t)).toList()),
          operands, scalar);
    }
    AggregateFunction aggregate = (AggregateFunction) implementation;
    SqlReturnTypeInference returnType = binding -> binding.getTypeFactory()
        .createTypeWithNullability(sqlTypeIn(binding.getTypeFactory(), returns), true);
    return new SqlUserDefinedAggFunction(id, SqlKind.OTHER_FUNCTION, returnType,
        InferTypes.explicit(parameters.stream().map(t -> sqlTypeIn(JAVA_TYPES, t)).toList()),
        operands, aggregate, false, false, Optionality.FORBIDDEN);
  }

  private static RelDataType sqlTypeIn(RelDataTypeFactory factory, SqlTypeName type) {
    return factory.createSqlType(type);
  }

  /** The stable name. */
  public String name() {
    return name;
  }

  /**
   * The public static method a scalar function runs, for engines that call it themselves (the
   * Spark engine registers it as a Spark function); empty for an aggregate.
   */
  public java.util.Optional<Method> method() {
    return java.util.Optional.ofNullable(method);
  }

  public FunctionKind kind() {
    return kind;
  }

  public String doc() {
    return doc;
  }

  /** The SQL types of its parameters, in order. */
  public List<SqlTypeName> parameters() {
    return parameters;
  }

  /** The SQL type of its result. */
  public SqlTypeName returns() {
    return returns;
  }

  /** {@code (BIGINT, BIGINT) -> BOOLEAN}: the types in, and the type out. */
  public String signature() {
    return "(" + String.join(", ", parameters.stream().map(SqlTypeName::getName).toList())
        + ") -> " + returns.getName();
  }

  /** The entry the function registry snapshot records of it. */
  public FunctionInfo info() {
    return FunctionInfo.newBuilder().setName(name).setKind(kind).setSignature(signature())
        .build();
  }

  /** The operator that calls it. */
  SqlFunction operator() {
    return operator;
  }

  /** Two functions are the same when their name, kind, signature and code are. */
  @Override
  public boolean equals(Object other) {
    return other instanceof UserFunction f && name.equals(f.name) && kind == f.kind
        && parameters.equals(f.parameters) && returns == f.returns
        && implementationKey().equals(f.implementationKey());
  }

  private String implementationKey() {
    Object function = operator instanceof SqlUserDefinedFunction scalar ? scalar.function
        : ((SqlUserDefinedAggFunction) operator).function;
    return function instanceof ScalarFunctionImpl s ? s.method.toString()
        : ((AggregateFunctionImpl) function).declaringClass.getName();
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, kind, parameters, returns);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(Locale.ROOT) + " " + name + signature();
  }
}
