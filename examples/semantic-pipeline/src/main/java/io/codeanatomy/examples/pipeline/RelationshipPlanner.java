package io.codeanatomy.examples.pipeline;

import io.codeanatomy.runtime.session.RelationPlanner;
import java.util.List;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeImpl;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.ViewTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.apache.calcite.tools.ValidationException;

/**
 * DX8's pilot relation planner: {@code FROM TABLE(relationship('calls_to_definitions'))} plans the
 * named relationship through Calcite's table-macro extension point, which expands it into the
 * view's relational expression at SQL-to-rel time, instead of pasting its SQL into the query
 * text. Only base relationships (those that read no other view) are offered. The view's SQL is
 * read as the session reads SQL, with its functions: relationships call the domain functions.
 */
public final class RelationshipPlanner implements RelationPlanner {

  /** The name the planning surface registers it under. */
  public static final String NAME = "relationship";

  @Override
  public TableMacro create(Context context) {
    return new TableMacro() {
      @Override
      public List<FunctionParameter> getParameters() {
        return List.of(new FunctionParameter() {
          @Override
          public int getOrdinal() {
            return 0;
          }

          @Override
          public String getName() {
            return "name";
          }

          @Override
          public RelDataType getType(RelDataTypeFactory typeFactory) {
            // A Java String: Calcite hands a macro its literal arguments converted to the
            // parameter's Java class, and a plain SQL VARCHAR has none.
            return typeFactory instanceof JavaTypeFactory java
                ? java.createJavaType(String.class)
                : typeFactory.createSqlType(SqlTypeName.VARCHAR);
          }

          @Override
          public boolean isOptional() {
            return false;
          }
        });
      }

      @Override
      public TranslatableTable apply(List<? extends Object> arguments) {
        String name = String.valueOf(arguments.get(0));
        Relationship relationship = Relationship.named(name).filter(r -> r.reads().isEmpty())
            .orElseThrow(() -> new IllegalArgumentException("relationship('" + name
                + "'): no base relationship has that name; there are "
                + String.join(", ", Relationship.ALL.stream().filter(r -> r.reads().isEmpty())
                    .map(Relationship::name).toList())));
        // A view over the session's schema: the planner expands its SQL where it is used; its
        // row type is the one the session's validator gives that SQL.
        return new ViewTable(Object[].class, RelDataTypeImpl.proto(rowType(context,
            relationship)), relationship.sql(), List.of(), List.of(NAME, relationship.name()));
      }
    };
  }

  /** The row type of a relationship's SQL as the session validates it. */
  private static RelDataType rowType(Context context, Relationship relationship) {
    Planner planner = Frameworks.getPlanner(Frameworks.newConfigBuilder()
        .defaultSchema(context.schema())
        .operatorTable(context.operators())
        .parserConfig(context.parser())
        .build());
    try {
      return planner.validateAndGetType(planner.parse(relationship.sql())).right;
    } catch (SqlParseException | ValidationException e) {
      throw new IllegalStateException("relationship " + relationship.name() + " does not "
          + "validate: " + e.getMessage(), e);
    } finally {
      planner.close();
    }
  }
}
