package io.codeanatomy.spark;

import io.codeanatomy.runtime.plan.UserFunction;
import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.api.java.UDF5;
import org.apache.spark.sql.api.java.UDF6;
import org.apache.spark.sql.types.DataType;

/**
 * A scalar user-defined function of a planning session, registered with Spark under its stable
 * name: Spark calls the same public static method the embedded engine calls, so both engines
 * compute the same values. Null in, null out, as the session's functions are. Serializable by the
 * method's class, name and parameter types (a {@link Method} is not), and resolved again where it
 * runs: the class must be on the executors' class path (the job's jar, as spark-submit ships it).
 */
final class SparkUserFunction implements Serializable,
    UDF1<Object, Object>, UDF2<Object, Object, Object>, UDF3<Object, Object, Object, Object>,
    UDF4<Object, Object, Object, Object, Object>,
    UDF5<Object, Object, Object, Object, Object, Object>,
    UDF6<Object, Object, Object, Object, Object, Object, Object> {

  private static final long serialVersionUID = 1L;

  /** Spark's Java interfaces for functions go this far; the session's functions fit. */
  static final int MAX_PARAMETERS = 6;

  private final String name;
  private final String declaringClass;
  private final String methodName;
  private final String[] parameterTypes;
  private transient Method method;

  private SparkUserFunction(String name, Method method) {
    this.name = name;
    this.declaringClass = method.getDeclaringClass().getName();
    this.methodName = method.getName();
    this.parameterTypes = new String[method.getParameterCount()];
    for (int i = 0; i < parameterTypes.length; i++) {
      parameterTypes[i] = method.getParameterTypes()[i].getName();
    }
    this.method = method;
  }

  /**
   * Registers {@code function} with {@code spark} under its name.
   *
   * @throws UnsupportedPlanException for an aggregate, or a function of more parameters than
   *     Spark's Java interfaces take
   */
  static void register(SparkSession spark, UserFunction function) {
    Method method = function.method().orElseThrow(() -> new UnsupportedPlanException("function "
        + function.name() + ": the Spark engine runs scalar user-defined functions, not "
        + function.kind().name().toLowerCase(java.util.Locale.ROOT) + " ones", null));
    int arity = function.parameters().size();
    DataType returns = SparkTypes.type(function.returns(), 0, 0, "function " + function.name()
        + ", result");
    SparkUserFunction udf = new SparkUserFunction(function.name(), method);
    var registration = spark.udf();
    switch (arity) {
      case 1 -> registration.register(function.name(), (UDF1<?, ?>) udf, returns);
      case 2 -> registration.register(function.name(), (UDF2<?, ?, ?>) udf, returns);
      case 3 -> registration.register(function.name(), (UDF3<?, ?, ?, ?>) udf, returns);
      case 4 -> registration.register(function.name(), (UDF4<?, ?, ?, ?, ?>) udf, returns);
      case 5 -> registration.register(function.name(), (UDF5<?, ?, ?, ?, ?, ?>) udf, returns);
      case 6 -> registration.register(function.name(), (UDF6<?, ?, ?, ?, ?, ?, ?>) udf,
          returns);
      default -> throw new UnsupportedPlanException("function " + function.name() + " takes "
          + arity + " parameters; the Spark engine runs functions of 1 to " + MAX_PARAMETERS,
          null);
    }
  }

  private Object invoke(Object... arguments) {
    for (Object argument : arguments) {
      if (argument == null) {
        return null;
      }
    }
    try {
      return method().invoke(null, arguments);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("function " + name + ": " + e.getMessage(), e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("function " + name + " failed: " + cause, cause);
    }
  }

  private Method method() {
    Method resolved = method;
    if (resolved == null) {
      try {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?>[] types = new Class<?>[parameterTypes.length];
        for (int i = 0; i < types.length; i++) {
          types[i] = primitive(parameterTypes[i]);
          if (types[i] == null) {
            types[i] = Class.forName(parameterTypes[i], false, loader);
          }
        }
        resolved = Class.forName(declaringClass, true, loader).getMethod(methodName, types);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("function " + name + ": " + declaringClass + "."
            + methodName + " is not on this executor's class path: " + e, e);
      }
      method = resolved;
    }
    return resolved;
  }

  private static Class<?> primitive(String name) {
    return switch (name) {
      case "long" -> long.class;
      case "int" -> int.class;
      case "double" -> double.class;
      case "boolean" -> boolean.class;
      default -> null;
    };
  }

  @Override
  public Object call(Object a) {
    return invoke(a);
  }

  @Override
  public Object call(Object a, Object b) {
    return invoke(a, b);
  }

  @Override
  public Object call(Object a, Object b, Object c) {
    return invoke(a, b, c);
  }

  @Override
  public Object call(Object a, Object b, Object c, Object d) {
    return invoke(a, b, c, d);
  }

  @Override
  public Object call(Object a, Object b, Object c, Object d, Object e) {
    return invoke(a, b, c, d, e);
  }

  @Override
  public Object call(Object a, Object b, Object c, Object d, Object e, Object f) {
    return invoke(a, b, c, d, e, f);
  }
}
