package io.codeanatomy.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.codeanatomy.runtime.exec.QueryResult;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Compares two engines' results as multisets of rows: the same rows, each as often, in any order.
 * Integers, text, dates and booleans are compared exactly. Numbers with a fraction are equal
 * within one unit in the last place of the coarser of the two:
 *
 * <ul>
 *   <li>two decimals of scales s and t agree when they differ by at most 10^-min(s, t): SQL
 *       leaves the scale of an average or quotient, and whether it rounds or truncates, to the
 *       engine; Calcite truncates an average to its argument's scale, Spark rounds at scale 6 or
 *       more, and the sealed output type then fixes the scale;
 *   <li>a decimal and a double (an engine that computes a ratio in floating point) agree within
 *       one unit in the decimal's last place;
 *   <li>two doubles agree to 12 significant digits: the engines add in different orders.
 * </ul>
 */
final class RowMultisets {

  private static final MathContext SIGNIFICANT = new MathContext(12, RoundingMode.HALF_EVEN);

  private RowMultisets() {}

  static void assertSame(String what, QueryResult expected, QueryResult actual) {
    assertEquals(expected.columns(), actual.columns(), what + ": column names");
    assertEquals(expected.rows().size(), actual.rows().size(), what + ": row count");
    List<List<Object>> left = sorted(expected.rows());
    List<List<Object>> right = sorted(actual.rows());
    for (int r = 0; r < left.size(); r++) {
      if (!rowsEqual(left.get(r), right.get(r))) {
        fail(what + ": row " + r + " of the sorted results differs: expected " + left.get(r)
            + ", spark " + right.get(r));
      }
    }
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(ROWS);
    return copy;
  }

  private static boolean rowsEqual(List<Object> a, List<Object> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int c = 0; c < a.size(); c++) {
      if (!valuesEqual(a.get(c), b.get(c))) {
        return false;
      }
    }
    return true;
  }

  static boolean valuesEqual(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (!(a instanceof Number x) || !(b instanceof Number y)) {
      return a.equals(b);
    }
    if (a instanceof BigDecimal || b instanceof BigDecimal) {
      int scale = Math.min(scale(x), scale(y));
      BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(-scale);
      return decimal(x).subtract(decimal(y)).abs().compareTo(unit) <= 0;
    }
    if (a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float) {
      return decimal(x).round(SIGNIFICANT).compareTo(decimal(y).round(SIGNIFICANT)) == 0;
    }
    return decimal(x).compareTo(decimal(y)) == 0;
  }

  /** A decimal's scale; integers have scale 0, doubles count as exact (no coarser scale). */
  private static int scale(Number number) {
    if (number instanceof BigDecimal d) {
      return Math.max(d.scale(), 0);
    }
    return number instanceof Double || number instanceof Float ? Integer.MAX_VALUE / 2 : 0;
  }

  private static BigDecimal decimal(Number number) {
    return number instanceof BigDecimal d ? d : new BigDecimal(number.toString());
  }

  /**
   * Rows in an order both results share: column by column, numbers by value rounded to two
   * places (so that values equal within tolerance sort alike), everything else by its text;
   * nulls first.
   */
  private static final Comparator<List<Object>> ROWS = (a, b) -> {
    for (int c = 0; c < Math.min(a.size(), b.size()); c++) {
      int order = compare(a.get(c), b.get(c));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(a.size(), b.size());
  };

  private static int compare(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return decimal(x).setScale(1, RoundingMode.FLOOR)
          .compareTo(decimal(y).setScale(1, RoundingMode.FLOOR));
    }
    return a.toString().compareTo(b.toString());
  }
}
