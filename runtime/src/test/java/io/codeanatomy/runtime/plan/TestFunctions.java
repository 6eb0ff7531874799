package io.codeanatomy.runtime.plan;

import java.lang.reflect.Method;
import org.apache.calcite.linq4j.function.Strict;

/** User-defined functions for tests: their code, and each as a {@link UserFunction}. */
public final class TestFunctions {

  private TestFunctions() {}

  /** Whether {@code [innerStart, innerEnd)} lies within {@code [outerStart, outerEnd)}. */
  @Strict
  public static boolean spanContains(long outerStart, long outerEnd, long innerStart,
      long innerEnd) {
    return outerStart <= innerStart && innerEnd <= outerEnd;
  }

  /** A label of a key and a number. */
  @Strict
  public static String tag(String key, long number) {
    return key.strip() + "#" + number;
  }

  /** The width of the widest span in a group. */
  public static final class MaxWidth {
    public long[] init() {
      return new long[] {Long.MIN_VALUE};
    }

    public long[] add(long[] accumulator, long start, long end) {
      accumulator[0] = Math.max(accumulator[0], end - start);
      return accumulator;
    }

    public Long result(long[] accumulator) {
      return accumulator[0] == Long.MIN_VALUE ? null : accumulator[0];
    }
  }

  public static UserFunction spanContainsFunction() {
    return UserFunction.scalar("span_contains", "whether a span lies within another",
        method("spanContains", long.class, long.class, long.class, long.class));
  }

  public static UserFunction tagFunction() {
    return UserFunction.scalar("tag", "a key and a number as text",
        method("tag", String.class, long.class));
  }

  public static UserFunction maxWidthFunction() {
    return UserFunction.aggregate("max_width", "the widest span of a group", MaxWidth.class);
  }

  private static Method method(String name, Class<?>... parameters) {
    try {
      return TestFunctions.class.getMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }
}
