package io.codeanatomy.spark;

import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.rel2sql.RelToSqlConverter;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.SparkSqlDialect;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * A Calcite relational expression as Spark SQL, through Calcite's {@link RelToSqlConverter} and
 * {@link SparkSqlDialect}, with two corrections the dialect lacks:
 *
 * <ul>
 *   <li>SQL's integer division truncates ({@code 7 / 2 = 3}) where Spark's {@code /} always
 *       divides exactly ({@code 3.5}): a division of two integers is rendered as Spark's
 *       {@code DIV}, which truncates toward zero as SQL does;
 *   <li>interval qualifiers are written without precisions ({@code DAY TO SECOND}, not
 *       {@code DAY TO SECOND(3)}), which Spark's parser does not accept.
 * </ul>
 */
final class SparkSqlRendering {

  private static final SqlDialect DIALECT = new SparkSqlDialect(SparkSqlDialect.DEFAULT_CONTEXT) {
    @Override
    public void unparseSqlIntervalQualifier(SqlWriter writer, SqlIntervalQualifier qualifier,
        RelDataTypeSystem typeSystem) {
      TimeUnit start = qualifier.getStartUnit();
      TimeUnit end = qualifier.getEndUnit();
      writer.keyword(start.name());
      if (end != null && end != start) {
        writer.keyword("TO");
        writer.keyword(end.name());
      }
    }
  };

  /** Spark's integer division: {@code a DIV b}. */
  private static final SqlBinaryOperator DIV = new SqlBinaryOperator("DIV",
      SqlKind.OTHER_FUNCTION, 60, true, ReturnTypes.LEAST_RESTRICTIVE,
      InferTypes.FIRST_KNOWN, OperandTypes.EXACT_NUMERIC_EXACT_NUMERIC);

  private SparkSqlRendering() {}

  static String sql(RelNode plan) {
    RelNode rewritten = plan.accept(new RelHomogeneousShuttle() {
      @Override
      public RelNode visit(RelNode other) {
        RelNode visited = super.visit(other);
        return visited.accept(new IntegerDivision(visited.getCluster().getRexBuilder()));
      }
    });
    RelToSqlConverter converter = new RelToSqlConverter(DIALECT);
    return converter.visitRoot(rewritten).asStatement().toSqlString(DIALECT).getSql();
  }

  /** Integer {@code /} to {@code DIV}. */
  private static final class IntegerDivision extends RexShuttle {
    private final RexBuilder rex;

    IntegerDivision(RexBuilder rex) {
      this.rex = rex;
    }

    @Override
    public RexNode visitCall(RexCall call) {
      RexCall visited = (RexCall) super.visitCall(call);
      if (visited.getKind() == SqlKind.DIVIDE && visited.getOperands().size() == 2
          && SqlTypeUtil.isIntType(visited.getOperands().get(0).getType())
          && SqlTypeUtil.isIntType(visited.getOperands().get(1).getType())) {
        return rex.makeCall(visited.getType(), DIV, visited.getOperands());
      }
      return visited;
    }
  }
}
